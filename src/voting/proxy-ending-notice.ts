import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskName } from '../lib/mask.ts';
import { notifyAccount } from '../notifications/outbox.ts';
import { proxyEndingParties } from './proxies-repository.ts';

/**
 * The holder of a written proxy (R4.3) is told when it ends (issue 16): rejected by an organiser,
 * or revoked by its grantor or by an organiser recording the grantor's written revocation. Until
 * then the holder would learn it only when a proxy ballot is refused — or, for a proxy rejected
 * before voting opens, not at all. The holder may own nothing in the estate, so the message goes
 * to their account (inbox and SMS to its phone), not to an owner. Written in the transaction that
 * ended the proxy, which happens once (the proxy's row lock; an ended proxy cannot end again), so
 * a doubled request tells once. The grantor is named masked (张*), as in the notice: the SMS
 * passes through the provider. The link opens the holder's page of the proxy, which says it ended.
 */

export type ProxyEnding =
  | { how: 'rejected'; reason: string }
  | { how: 'revoked_by_grantor' | 'revoked_in_writing'; reason: string | null; ballotsStanding: number };

export const heldProxyPath = (proxyId: string) => `/proxies/${proxyId}`;

/** The inbox text: what happened, why where known, and what the holder can (not) do now. */
export function holderText(ending: ProxyEnding, names: { estate: string; meeting: string; grantor: string }): string {
  const why = ending.reason ? `原因：${ending.reason}。` : '';
  const head = `【${names.estate}】“${names.meeting}”：`;
  if (ending.how === 'rejected') {
    return `${head}${names.grantor}委托您代为投票的委托书未通过组织者审核。${why}您不能代其投票；如业主仍愿委托您，请其向组织者重新提交书面委托书。`;
  }
  const who = ending.how === 'revoked_by_grantor' ? `${names.grantor}已撤销对您的投票委托` : `组织者已登记${names.grantor}撤销对您投票委托的书面声明`;
  const standing =
    ending.ballotsStanding > 0
      ? `您此前代其投出的${ending.ballotsStanding}项表决仍然有效，除非业主本人另行投票。`
      : '';
  return `${head}${who}。${why}委托已被撤销，您不能再代其投票。${standing}`;
}

export async function tellHolderOfEnding(trx: Kysely<DB>, proxy: { id: string; holder_account_id: string }, ending: ProxyEnding, now: Date): Promise<void> {
  const parties = await proxyEndingParties(trx, proxy.id);
  const names = { estate: parties.estate_name, meeting: parties.meeting_title, grantor: maskName(parties.grantor_name, parties.grantor_kind) };
  await notifyAccount(trx, proxy.holder_account_id, {
    estateId: parties.estate_id,
    topic: ending.how === 'rejected' ? 'proxy.rejected' : 'proxy.revoked',
    kind: ending.how === 'rejected' ? 'proxy_rejected' : 'proxy_revoked',
    params: { estate: names.estate, meeting: names.meeting, grantor: names.grantor, link: heldProxyPath(proxy.id) },
    // The meeting: the organisers' delivery report of the meeting counts it, and resends it if it failed.
    subjectId: parties.meeting_id,
    body: holderText(ending, names),
    now,
  });
}
