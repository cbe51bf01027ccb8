import { type AuditRecord, firstBreak } from '../audit/audit-log.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { parseTallyRecord, tallyRecord, TallyInputError } from '../tally/index.ts';
import { ballotSeal, type MotionSeal, recordDigest, resultDigest, resultOf, unitsDigest } from './evidence.ts';
import { keyIdOf, verifyCanonical } from '../audit/signing.ts';

/**
 * `gongjue verify`: checks an export bundle (docs/bundle.md) without the
 * server — the audit chain's hashes, the seals made at close against the
 * records' units and ballots, each result against a recount by the tally
 * engine, and the certification's Ed25519 signature. Pure: no I/O.
 */

export interface Verification {
  /** Everything that does not match: empty when the bundle verifies. */
  problems: string[];
  /** What was checked, and what could not be (e.g. a bundle never certified). */
  notes: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (hash: unknown) => (typeof hash === 'string' ? `${hash.slice(0, 12)}…` : JSON.stringify(hash));

/** Paths where two JSON values differ, at most `limit` of them. */
export function differences(a: unknown, b: unknown, path = '', out: string[] = [], limit = 5): string[] {
  if (out.length >= limit) return out;
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) differences(a[k], b[k], path ? `${path}.${k}` : k, out, limit);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, out, limit);
  } else if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
    out.push(`${path || '(the whole value)'}: ${JSON.stringify(a) ?? 'missing'} vs ${JSON.stringify(b) ?? 'missing'}`);
  }
  return out;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function checkChain(audit: Json, problems: string[], notes: string[]): AuditRecord[] {
  const chain = typeof audit.chain === 'string' ? audit.chain : '';
  const raw = (Array.isArray(audit.records) ? audit.records : []).map((r: unknown) => (isObject(r) ? r : {}));
  const records: AuditRecord[] = raw.map((r) => ({
    chain,
    seq: r.seq as number,
    at: new Date(r.at as string),
    actor: r.actor as string,
    action: r.action as string,
    subject: r.subject as string,
    data: r.data as Record<string, unknown>,
    prevHash: r.prevHash as string,
    hash: r.hash as string,
  }));
  let broken: number | null;
  try {
    broken = firstBreak(records);
  } catch {
    broken = records[0]?.seq ?? 0;
  }
  if (broken !== null) problems.push(`audit chain: record ${broken} does not match its hash or does not follow the record before it`);
  const head = isObject(audit.head) ? audit.head : {};
  const last = records.at(-1);
  if (!last || last.seq !== head.seq || last.hash !== head.hash) {
    problems.push(`audit chain: its head (record ${String(head.seq)}, ${short(head.hash)}) is not the last record of the chain`);
  } else if (broken === null) {
    notes.push(`audit chain ${chain}: ${records.length} records, intact up to its head ${short(last.hash)}`);
  }
  return records;
}

function checkMotion(m: Json, anchor: MotionSeal | undefined, problems: string[]) {
  const label = `motion ${typeof m.position === 'number' ? m.position : '?'} (${String(m.motionId)})`;
  const record = isObject(m.record) ? m.record : {};
  const units = Array.isArray(record.units) ? record.units : [];
  const ballots = Array.isArray(record.ballots) ? record.ballots : [];
  const seal = isObject(m.seal) ? m.seal : {};
  if (!anchor) {
    problems.push(`${label}: the audit chain holds no seal for this motion`);
  } else if (!same(seal, anchor)) {
    problems.push(`${label}: the seal in the bundle differs from the one in the audit chain (${differences(seal, anchor).join('; ')})`);
  }
  const sealed = anchor ?? (seal as unknown as MotionSeal);
  const u = unitsDigest(units);
  if (!same(u, sealed.units)) {
    problems.push(
      `${label}: the units differ from the electorate sealed at close (a unit's area, owners or place was changed, or units added or removed): ` +
        `sealed ${String(sealed.units?.count)} units ${short(sealed.units?.sha256)}, the record has ${u.count} units ${short(u.sha256)}`,
    );
  }
  const b = ballotSeal(ballots);
  if (!same(b, sealed.ballots)) {
    problems.push(
      `${label}: the ballots differ from those sealed at close (a ballot was altered, added or removed): ` +
        `sealed ${String(sealed.ballots?.count)} ballots ${short(sealed.ballots?.head)}, the record has ${b.count} ballots ${short(b.head)}`,
    );
  }
  if (same(u, sealed.units) && same(b, sealed.ballots) && recordDigest(record) !== sealed.recordSha256) {
    problems.push(`${label}: the tally record's settings, motion or meeting differ from those sealed at close`);
  }
  if (resultDigest(m.result) !== sealed.resultSha256) {
    problems.push(`${label}: the result differs from the one sealed at close`);
  }
  try {
    const recount = resultOf(tallyRecord(parseTallyRecord(record)));
    if (!same(recount, m.result)) {
      problems.push(`${label}: the result differs from the recount of its tally record by the engine: ${differences(m.result, recount).join('; ')} (stored vs recounted)`);
    }
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error;
    problems.push(`${label}: the tally record is not valid: ${error.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

function checkCertification(bundle: Json, records: AuditRecord[], publicKey: string | undefined, problems: string[], notes: string[]) {
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const motions = Array.isArray(bundle.motions) ? (bundle.motions as Json[]) : [];
  const certifiedRecords = records.filter((r) => r.action === 'result.certified' && r.subject === `meeting:${String(meetingId)}`);
  const c = bundle.certification;
  if (!isObject(c)) {
    if (certifiedRecords.length > 0) problems.push('certification: the audit chain records a certification, but the bundle carries none');
    else notes.push('not certified: the township has not certified this result (no signature to check)');
    return;
  }
  const payload = isObject(c.payload) ? c.payload : {};
  const key = publicKey ?? (typeof c.publicKey === 'string' ? c.publicKey : '');
  let keyId: string;
  try {
    keyId = keyIdOf(key);
  } catch {
    problems.push('certification: no usable Ed25519 public key to check the signature with');
    return;
  }
  if (publicKey !== undefined && keyId !== c.keyId) problems.push(`certification: signed with key ${short(c.keyId)}, not the pinned key ${short(keyId)}`);
  if (keyId !== payload.keyId) problems.push(`certification: the signed payload names key ${short(payload.keyId)}, but the key is ${short(keyId)}`);
  if (!verifyCanonical(key, payload, typeof c.signature === 'string' ? c.signature : '')) {
    problems.push(`certification: the signature does not verify with key ${short(keyId)} (the signature or what it signs was altered)`);
  } else {
    notes.push(`certification signature verifies with key ${keyId}${publicKey === undefined ? ' (the key carried in the bundle: pin the published key with --public-key)' : ' (pinned)'}`);
  }
  if (!isObject(payload.meeting) || payload.meeting.id !== meetingId) problems.push('certification: the signed payload is for another meeting');
  const signed = Array.isArray(payload.motions) ? (payload.motions as Json[]) : [];
  for (const m of motions) {
    const s = signed.find((x) => x.motionId === m.motionId);
    if (!s) problems.push(`certification: motion ${String(m.motionId)} is not in the signed payload`);
    else {
      if (!same(s.result, m.result)) problems.push(`certification: the certified result of motion ${String(m.motionId)} differs from the bundle's result (${differences(s.result, m.result).join('; ')})`);
      if (!same(s.seal, m.seal)) problems.push(`certification: the certified seal of motion ${String(m.motionId)} differs from the bundle's seal`);
    }
  }
  const audit = isObject(payload.audit) ? payload.audit : {};
  const at = records.find((r) => r.seq === audit.seq);
  if (!at || at.hash !== audit.hash) problems.push(`certification: the audit head it signed (record ${String(audit.seq)}) is not in the chain`);
  if (!certifiedRecords.some((r) => r.data.signature === c.signature && r.prevHash === audit.hash)) {
    problems.push('certification: the audit chain has no matching result.certified record right after the head it signed');
  }
  if (c.status !== 'certified') notes.push(`filing status: ${String(c.status)} — recorded after certification (see the events)`);
}

export function verifyBundle(bundle: unknown, options: { publicKey?: string } = {}): Verification {
  const problems: string[] = [];
  const notes: string[] = [];
  if (!isObject(bundle) || bundle.format !== 'gongjue.result-bundle' || bundle.version !== 1) {
    return { problems: ['not a gongjue result bundle (expected format "gongjue.result-bundle", version 1)'], notes };
  }
  const records = checkChain(isObject(bundle.audit) ? bundle.audit : {}, problems, notes);
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const tallied = records.find((r) => r.action === 'meeting.tallied' && r.subject === `meeting:${String(meetingId)}`);
  if (!tallied) problems.push(`audit chain: no 'meeting.tallied' record for meeting ${String(meetingId)} (its seals are missing)`);
  const sealed: unknown = isObject(tallied?.data) ? tallied.data.motions : [];
  const anchors = new Map((Array.isArray(sealed) ? sealed.filter(isObject) : []).map((s) => [String(s.motionId), s as unknown as MotionSeal]));
  const motions = Array.isArray(bundle.motions) ? (bundle.motions as Json[]) : [];
  if (motions.length === 0) problems.push('the bundle has no motions');
  for (const m of motions) {
    try {
      checkMotion(isObject(m) ? m : {}, anchors.get(String(isObject(m) ? m.motionId : m)), problems);
    } catch (error) {
      // e.g. a number with a fraction where only strings and integers may be: no canonical form.
      problems.push(`motion ${String(isObject(m) ? m.motionId : m)}: cannot be read: ${(error as Error).message}`);
    }
  }
  for (const id of anchors.keys()) if (!motions.some((m) => m.motionId === id)) problems.push(`motion ${id} was sealed at close but is missing from the bundle`);
  if (motions.length > 0 && problems.length === 0) notes.push(`${motions.length} motion(s): seals and results match, and the engine's recount gives the same results`);
  try {
    checkCertification(bundle, records, options.publicKey, problems, notes);
  } catch (error) {
    problems.push(`certification: cannot be read: ${(error as Error).message}`);
  }
  return { problems, notes };
}
