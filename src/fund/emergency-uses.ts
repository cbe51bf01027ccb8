import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import { attachmentView, type AttachmentView, requireAttachment } from '../attachments/attachments.ts';
import type { DB, EmergencyKind, EmergencyUseEventKind, EmergencyUseStatus, Estate } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { EMERGENCY_KIND_WORDS, isEmergencyKind, yuanText } from './emergency-kinds.ts';
import {
  emergencyUseRow,
  emergencyUsesFiledBetween,
  emergencyUsesOfEstate,
  emergencyUsesOfTownship,
  eventsOf,
  findEmergencyUse,
  insertEmergencyUse,
  insertEvent,
  insertQuotes,
  lockEmergencyUse,
  quotesOf,
  setStatus,
} from './emergency-uses-repository.ts';

/**
 * Emergency use of the maintenance fund (R4.9, R7.1; 民法典 第二百八十一条
 * 第二款): in an emergency — a lift, fire safety or water supply out of order,
 * or a danger to persons — the committee may have the fund pay for the repair
 * without the owners' vote. The committee files it with its reason, amount
 * and quotes; the township acknowledges it, or questions it in writing and the
 * committee answers (back to review). Every owner of the estate sees it in the
 * estate's notices, flagged as spent without a vote. It is never a way around
 * a vote: any other kind is refused (`not-an-emergency`), and nothing here
 * touches meetings, motions or their results.
 */

export interface EmergencyUseView {
  id: string;
  estateId: string;
  estateName: string;
  townshipId: string;
  kind: EmergencyKind;
  kindText: { zh: string; en: string };
  title: string;
  reason: string;
  /** Fen, an integer, as a decimal string (exact). */
  amountFen: string;
  /** Yuan with two decimals and thousands separators, e.g. "12,345.67". */
  amountText: string;
  /** Always true: the flag owners see (使用维修资金，未经业主表决). */
  withoutVote: true;
  status: EmergencyUseStatus;
  filedAt: string;
  updatedAt: string;
  quotes: AttachmentView[];
  events: { kind: EmergencyUseEventKind; actor: string; at: string; text: string }[];
}

export async function fileEmergencyUse(
  trx: Transaction<DB>,
  input: { estate: Estate; kind: string; title: string; reason: string; amountFen: bigint; quoteIds: readonly string[]; actor: string; now: Date },
): Promise<string> {
  if (!isEmergencyKind(input.kind)) {
    throw new ProblemError(
      'not-an-emergency',
      `“${input.kind}” is not an emergency repair: only a lift, fire safety, water supply or a danger to persons may use the maintenance fund without a vote (民法典 第二百八十一条); every other use is put to the owners' vote (第二百七十八条)`,
      { kind: input.kind, allowed: ['lift', 'fire_safety', 'water_supply', 'danger_to_persons'] },
    );
  }
  const unique = [...new Set(input.quoteIds)];
  for (const [i, id] of unique.entries()) await requireAttachment(trx, input.estate.id, id, `body.quoteIds.${i}`);
  const { id } = await insertEmergencyUse(trx, {
    estateId: input.estate.id,
    townshipId: input.estate.township_id,
    kind: input.kind,
    title: input.title,
    reason: input.reason,
    amountFen: input.amountFen,
    actor: input.actor,
    now: input.now,
  });
  await insertQuotes(trx, id, unique);
  await insertEvent(trx, { useId: id, kind: 'filed', actor: input.actor, at: input.now, text: input.reason });
  await appendAudit(
    trx,
    {
      chain: estateChain(input.estate.id),
      actor: input.actor,
      action: 'emergency_use.filed',
      subject: `emergency_use:${id}`,
      data: { kind: input.kind, title: input.title, reason: input.reason, amountFen: input.amountFen.toString(), quoteIds: unique },
    },
    input.now,
  );
  return id;
}

const STEPS = {
  acknowledged: { from: ['awaiting_review'], to: 'acknowledged', doing: 'acknowledge it' },
  questioned: { from: ['awaiting_review'], to: 'questioned', doing: 'question it' },
  answered: { from: ['questioned'], to: 'awaiting_review', doing: 'answer (only a questioned use is answered)' },
} as const satisfies Record<Exclude<EmergencyUseEventKind, 'filed'>, { from: readonly EmergencyUseStatus[]; to: EmergencyUseStatus; doing: string }>;

/** A step of the review: the township acknowledges or questions; the committee answers a question. */
export async function reviewStep(
  trx: Transaction<DB>,
  input: { useId: string; step: keyof typeof STEPS; text: string; actor: string; now: Date },
): Promise<void> {
  const use = await lockEmergencyUse(trx, input.useId);
  if (!use) throw new ProblemError('not-found', 'No such emergency use');
  const rule = STEPS[input.step];
  if (!(rule.from as readonly EmergencyUseStatus[]).includes(use.status)) {
    throw new ProblemError('conflict', `Cannot ${rule.doing}: the emergency use is ${use.status.replace('_', ' ')}`, { status: use.status });
  }
  if (input.step !== 'acknowledged' && input.text.trim() === '') {
    throw new ProblemError('validation-failed', 'The text must not be empty', { errors: [{ path: 'body.text', message: 'must not be empty' }] });
  }
  await setStatus(trx, use.id, rule.to, input.now);
  await insertEvent(trx, { useId: use.id, kind: input.step, actor: input.actor, at: input.now, text: input.text });
  await appendAudit(
    trx,
    { chain: estateChain(use.estate_id), actor: input.actor, action: `emergency_use.${input.step}`, subject: `emergency_use:${use.id}`, data: { text: input.text } },
    input.now,
  );
}

/** The use's estate and township, to authorize on: undefined when there is none. */
export async function placeOfEmergencyUse(db: Kysely<DB>, id: string) {
  const use = await findEmergencyUse(db, id);
  return use ? { estateId: use.estate_id, townshipId: use.township_id } : undefined;
}

type Row = Awaited<ReturnType<typeof emergencyUsesOfEstate>>[number];

async function viewsOf(db: Kysely<DB>, rows: Row[]): Promise<EmergencyUseView[]> {
  const ids = rows.map((r) => r.id);
  const [quotes, events] = await Promise.all([quotesOf(db, ids), eventsOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    estateName: r.estateName,
    townshipId: r.township_id,
    kind: r.kind,
    kindText: EMERGENCY_KIND_WORDS[r.kind],
    title: r.title,
    reason: r.reason,
    amountFen: String(r.amount_fen),
    amountText: yuanText(BigInt(r.amount_fen)),
    withoutVote: true,
    status: r.status,
    filedAt: r.filed_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    quotes: quotes.filter((q) => q.emergency_use_id === r.id).map(({ emergency_use_id: _, ...q }) => attachmentView(q)),
    events: events.filter((e) => e.emergency_use_id === r.id).map((e) => ({ kind: e.kind, actor: e.actor, at: e.at.toISOString(), text: e.text })),
  }));
}

export async function emergencyUsesOf(db: Kysely<DB>, estateId: string): Promise<EmergencyUseView[]> {
  return viewsOf(db, await emergencyUsesOfEstate(db, estateId, 200));
}

export async function emergencyUsesInTownship(db: Kysely<DB>, townshipId: string, status: EmergencyUseStatus | 'all'): Promise<EmergencyUseView[]> {
  return viewsOf(db, await emergencyUsesOfTownship(db, townshipId, status, 500));
}

export async function emergencyUseView(db: Kysely<DB>, id: string): Promise<EmergencyUseView> {
  const [view] = await viewsOf(db, await emergencyUseRow(db, id));
  if (!view) throw new ProblemError('not-found', 'No such emergency use');
  return view;
}

/** An emergency use as the export bundle carries it (docs/bundle.md): what owners see of it, with the quotes' digests. */
export type BundleEmergencyUse = {
  id: string;
  kind: EmergencyKind;
  kindText: string;
  title: string;
  reason: string;
  amountFen: string;
  amountText: string;
  withoutVote: true;
  status: EmergencyUseStatus;
  filedAt: string;
  quotes: { id: string; name: string; sha256: string }[];
  events: { kind: EmergencyUseEventKind; at: string; text: string }[];
};

/** The estate's emergency uses filed while a meeting ran ([from, to]: its creation to its close), for its bundle. */
export async function emergencyUsesForBundle(db: Kysely<DB>, estateId: string, from: Date, to: Date): Promise<BundleEmergencyUse[]> {
  const views = await viewsOf(db, await emergencyUsesFiledBetween(db, estateId, from, to));
  return views.map((v) => ({
    id: v.id,
    kind: v.kind,
    kindText: v.kindText.zh,
    title: v.title,
    reason: v.reason,
    amountFen: v.amountFen,
    amountText: v.amountText,
    withoutVote: true,
    status: v.status,
    filedAt: v.filedAt,
    quotes: v.quotes.map((q) => ({ id: q.id, name: q.name, sha256: q.sha256 })),
    events: v.events.map((e) => ({ kind: e.kind, at: e.at, text: e.text })),
  }));
}

