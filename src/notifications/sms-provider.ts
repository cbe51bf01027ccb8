/**
 * What an SMS provider is to the message outbox: one text to one phone,
 * answered with a delivery status. Chinese providers send only pre-approved
 * templates (模板) under an approved sign name (签名): a message is its kind
 * (which template) and the template's parameters, in the order below — Tencent
 * fills {1}, {2}, … by position, Alibaba Cloud fills ${name} by name. `text` is
 * the whole message as the service words it, for senders without templates
 * (development, a plain HTTP gateway) and for the in-app inbox.
 */

export const MESSAGE_KINDS = [
  'login_code',
  'meeting_noticed',
  'voting_opened',
  'voting_reminder',
  'results_published',
  'result_final',
  'result_certified',
  'petition_threshold',
  'verification_locked',
  'owner_bound',
  'ballots_recorded',
  'proxy_rejected',
  'proxy_revoked',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Each kind's template parameters, in template order. */
export const TEMPLATE_PARAMS: { readonly [K in MessageKind]: readonly string[] } = {
  login_code: ['code'],
  meeting_noticed: ['estate', 'meeting', 'opens', 'link'],
  voting_opened: ['estate', 'meeting', 'closes', 'link'],
  voting_reminder: ['estate', 'meeting', 'closes', 'link'],
  results_published: ['estate', 'meeting', 'link'],
  result_final: ['estate', 'meeting', 'link'],
  result_certified: ['estate', 'meeting', 'link'],
  petition_threshold: ['estate', 'petition', 'link'],
  verification_locked: ['estate', 'owner'],
  owner_bound: ['estate', 'phone', 'link'],
  ballots_recorded: ['estate', 'meeting', 'count', 'link'],
  proxy_rejected: ['estate', 'meeting', 'grantor', 'link'],
  proxy_revoked: ['estate', 'meeting', 'grantor', 'link'],
};

export interface SmsRequest {
  /** Mainland mobile number, 11 digits, no country code. */
  phone: string;
  kind: MessageKind;
  /** Exactly the names of TEMPLATE_PARAMS[kind]. */
  params: Record<string, string>;
  /** The whole message in Chinese, for senders that take free text. */
  text: string;
}

export type SmsOutcome =
  /** Accepted by the provider; `providerMessageId` matches later delivery reports. */
  | { status: 'sent'; providerMessageId: string | null }
  /**
   * Not accepted. `retryable`: the same message may succeed later (throttled,
   * provider unavailable, timeout); otherwise it never will (invalid number,
   * template or sign not approved, number blacklisted or opted out).
   */
  | { status: 'failed'; reason: string; retryable: boolean; retryAfterMs?: number };

/** A delivery report the provider gives later (the handset received it, or not). */
export interface SmsReceipt {
  providerMessageId: string;
  phone: string;
  delivered: boolean;
  /** The provider's code or text when not delivered. */
  reason: string | null;
  at: Date;
}

export interface SmsProvider {
  /** `aliyun`, `tencent`, `http`, `development`: recorded on each delivery. */
  readonly name: string;
  send(request: SmsRequest): Promise<SmsOutcome>;
  /** Delivery reports since an instant, where the provider offers them. */
  receipts?(since: Date, phones: readonly string[]): Promise<SmsReceipt[]>;
}
