import { type AuditRecord, firstBreak } from '../audit/audit-log.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { parseTallyRecord, type Report, tallyRecord, TallyInputError } from '../tally/index.ts';
import { statusAfter } from '../fund/emergency-kinds.ts';
import { certifiedMotionNames } from './certified-names.ts';
import { ballotSeal, type MotionSeal, recordDigest, resultDigest, resultOf, sha256Hex, unitsDigest } from './evidence.ts';
import { keyIdOf, verifyCanonical } from '../audit/signing.ts';

/**
 * `gongjue verify`: checks an export bundle (docs/bundle.md) without the
 * server — the audit chain's hashes, the seals made at close against the
 * records' units and ballots, each result against a recount by the tally
 * engine, the certification's Ed25519 signature (version 2: with the names
 * it signs, derived again from the recount), and (bundle version 2) the
 * objections and emergency uses against the audit chain and the manifest,
 * and (version 3) the proxy endings likewise. Pure: no I/O.
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

/** Checks one motion's evidence; returns the engine's recount of its record when it could be made. */
function checkMotion(m: Json, anchor: MotionSeal | undefined, problems: string[]): Report | undefined {
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
    const report = tallyRecord(parseTallyRecord(record));
    const recount = resultOf(report);
    if (!same(recount, m.result)) {
      problems.push(`${label}: the result differs from the recount of its tally record by the engine: ${differences(m.result, recount).join('; ')} (stored vs recounted)`);
    }
    return report;
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error;
    problems.push(`${label}: the tally record is not valid: ${error.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    return undefined;
  }
}

/**
 * Version 2 signs the names a reader of the notice compares. The meeting's and motions' names
 * must be the bundle's, and the matter, kind, labels and verdict words those the engine's recount
 * of each record gives. The estate's and township's names may have changed since: said, not failed.
 */
function checkSignedNames(bundle: Json, payload: Json, recounts: Map<string, Report>, problems: string[], notes: string[]) {
  const estate = isObject(bundle.estate) ? bundle.estate : {};
  const township = isObject(bundle.township) ? bundle.township : {};
  const signedEstate = isObject(payload.estate) ? payload.estate : {};
  const signedTownship = isObject(payload.township) ? payload.township : {};
  const signedMeeting = isObject(payload.meeting) ? payload.meeting : {};
  const meeting = isObject(bundle.meeting) ? bundle.meeting : {};
  if (typeof signedEstate.name !== 'string' || typeof signedTownship.name !== 'string' || typeof signedMeeting.title !== 'string') {
    problems.push('certification: a version 2 certification without the estate’s, township’s or meeting’s name');
    return;
  }
  if (signedMeeting.title !== meeting.title) problems.push(`certification: the signed meeting title ${JSON.stringify(signedMeeting.title)} differs from the bundle’s ${JSON.stringify(meeting.title)}`);
  if (signedEstate.name !== estate.name) notes.push(`the estate was certified as ${JSON.stringify(signedEstate.name)}; it is now named ${JSON.stringify(estate.name)}`);
  if (township.name !== undefined && signedTownship.name !== township.name) notes.push(`the township was certified as ${JSON.stringify(signedTownship.name)}; it is now named ${JSON.stringify(township.name)}`);
  const signed = Array.isArray(payload.motions) ? (payload.motions as unknown[]).filter(isObject) : [];
  const motions = Array.isArray(bundle.motions) ? (bundle.motions as unknown[]).filter(isObject) : [];
  let checked = 0;
  for (const s of signed) {
    const m = motions.find((x) => x.motionId === s.motionId);
    const report = recounts.get(String(s.motionId));
    if (!m || !report || typeof m.position !== 'number' || typeof m.title !== 'string') continue;
    const expected = certifiedMotionNames({ position: m.position, title: m.title }, report);
    const { result: _r, seal: _s, motionId: _m, ...names } = s;
    if (!same(names, expected)) {
      problems.push(`certification: the names signed for motion ${m.position} (${String(s.motionId)}) differ from the bundle’s title and the recount’s matter, labels and verdict: ${differences(names, expected).join('; ')} (signed vs bundle)`);
    } else checked++;
  }
  notes.push(`certification format 2: the estate’s, township’s and meeting’s names and ${checked} motion(s)’ titles, labels and verdict words are signed`);
}

/** The audit records of one subject and action, by the id their data names. */
function recordsOf(records: AuditRecord[], action: string, key: string, id: unknown): AuditRecord[] {
  return records.filter((r) => r.action === action && isObject(r.data) && r.data[key] === id);
}

function checkManifest(bundle: Json, section: 'objections' | 'emergencyUses' | 'proxyEndings', entries: unknown[], problems: string[]) {
  const manifest = isObject(bundle.manifest) ? bundle.manifest : {};
  const stated = isObject(manifest[section]) ? manifest[section] : {};
  let sha256: string;
  try {
    sha256 = sha256Hex(canonicalJson(entries));
  } catch (error) {
    problems.push(`${section}: cannot be read: ${(error as Error).message}`);
    return;
  }
  if (stated.count !== entries.length || stated.sha256 !== sha256) {
    problems.push(`${section}: the section differs from the manifest (manifest ${String(stated.count)} entries ${short(stated.sha256)}, the bundle has ${entries.length} ${short(sha256)})`);
  }
}

const isText = (v: unknown): v is string => typeof v === 'string';
const sameInstant = (a: Date | undefined, b: unknown) => a !== undefined && typeof b === 'string' && !Number.isNaN(Date.parse(b)) && a.getTime() === Date.parse(b);

/**
 * R7.2 objections: each well-formed, on a motion of the bundle, and as the audit chain recorded
 * it when raised and answered; and none of the chain's objections to this meeting left out.
 * The chain up to the certified head is signed, so a certified bundle's objections are too.
 */
function checkObjections(bundle: Json, records: AuditRecord[], problems: string[], notes: string[]) {
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const list = Array.isArray(bundle.objections) ? (bundle.objections as unknown[]) : null;
  if (list === null) {
    problems.push('objections: missing (a version 2 bundle carries them, an empty list when there were none)');
    return;
  }
  checkManifest(bundle, 'objections', list, problems);
  const motionIds = new Set((Array.isArray(bundle.motions) ? (bundle.motions as unknown[]) : []).filter(isObject).map((m) => m.motionId));
  const subject = `meeting:${String(meetingId)}`;
  for (const [i, o] of list.entries()) {
    const label = `objection ${i + 1}`;
    if (!isObject(o) || !isText(o.id) || !isText(o.text) || !isText(o.owner) || !isText(o.raisedAt) || !(o.answer === null || (isObject(o.answer) && isText(o.answer.text) && isText(o.answer.at)))) {
      problems.push(`${label}: not well-formed (id, motionId, voterId, owner, text, raisedAt and answer: null or { text, at })`);
      continue;
    }
    if (!motionIds.has(o.motionId)) problems.push(`${label} (${o.id}): its motion ${String(o.motionId)} is not one of the bundle’s`);
    const raised = recordsOf(records, 'objection.raised', 'objectionId', o.id).filter((r) => r.subject === subject);
    const r = raised[0];
    if (!r || r.data.text !== o.text || r.data.motionId !== o.motionId || r.data.voterId !== o.voterId || !sameInstant(r.at, o.raisedAt)) {
      problems.push(`${label} (${o.id}): differs from the audit chain’s objection.raised record, or has none`);
    }
    const answered = recordsOf(records, 'objection.answered', 'objectionId', o.id)[0];
    if (o.answer === null) {
      if (answered) problems.push(`${label} (${o.id}): the audit chain records an answer, the bundle none`);
    } else if (!answered || answered.data.answer !== o.answer.text || !sameInstant(answered.at, o.answer.at)) {
      problems.push(`${label} (${o.id}): its answer differs from the audit chain’s objection.answered record, or has none`);
    }
  }
  const listed = new Set(list.filter(isObject).map((o) => o.id));
  for (const r of records) {
    if (r.action === 'objection.raised' && r.subject === subject && !listed.has(r.data.objectionId)) {
      problems.push(`objections: the audit chain records objection ${String(r.data.objectionId)}, missing from the bundle`);
    }
  }
  notes.push(`${list.length} objection(s): as raised and answered in the audit chain`);
}

/**
 * R4.9 emergency uses of the fund filed while the meeting ran: each well-formed, as the audit chain
 * recorded its filing and each review step, its status the one its steps lead to; the period is the
 * meeting's, and no use the chain records in it is left out.
 */
function checkEmergencyUses(bundle: Json, records: AuditRecord[], problems: string[], notes: string[]) {
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const section = isObject(bundle.emergencyUses) ? bundle.emergencyUses : null;
  const uses = section && Array.isArray(section.uses) ? (section.uses as unknown[]) : null;
  if (section === null || uses === null) {
    problems.push('emergency uses: missing (a version 2 bundle carries them, an empty list when there were none)');
    return;
  }
  checkManifest(bundle, 'emergencyUses', uses, problems);
  const created = records.find((r) => r.action === 'meeting.created' && r.subject === `meeting:${String(meetingId)}`);
  const closed = records.find((r) => r.action === 'meeting.closed' && r.subject === `meeting:${String(meetingId)}`);
  if (!sameInstant(created?.at, section.from)) problems.push('emergency uses: the period does not begin when the audit chain records the meeting’s creation');
  const from = Date.parse(String(section.from));
  const to = Date.parse(String(section.to));
  if (closed && !sameInstant(closed.at, section.to)) problems.push('emergency uses: the period does not end when the audit chain records the meeting’s close');
  for (const [i, u] of uses.entries()) {
    const label = `emergency use ${i + 1}`;
    if (!isObject(u) || !isText(u.id) || !isText(u.title) || !isText(u.reason) || !isText(u.amountFen) || !/^[1-9][0-9]*$/.test(u.amountFen) || !Array.isArray(u.events) || !Array.isArray(u.quotes)) {
      problems.push(`${label}: not well-formed (id, kind, title, reason, amountFen in whole fen, status, filedAt, quotes, events)`);
      continue;
    }
    const id = String(u.id);
    const filed = records.find((r) => r.action === 'emergency_use.filed' && r.subject === `emergency_use:${id}`);
    const quoteIds = (u.quotes as unknown[]).map((q) => (isObject(q) ? q.id : q));
    if (!filed || filed.data.kind !== u.kind || filed.data.title !== u.title || filed.data.reason !== u.reason || filed.data.amountFen !== u.amountFen || !same(filed.data.quoteIds, quoteIds) || !sameInstant(filed.at, u.filedAt)) {
      problems.push(`${label} (${u.id}): differs from the audit chain’s emergency_use.filed record, or has none`);
    }
    const steps = records.filter((r) => r.subject === `emergency_use:${id}` && r.action.startsWith('emergency_use.') && r.action !== 'emergency_use.filed');
    const events = (u.events as unknown[]).filter(isObject);
    const reviewed = events.filter((e) => e.kind !== 'filed');
    if (
      reviewed.length !== steps.length ||
      reviewed.some((e, k) => steps[k]!.action !== `emergency_use.${String(e.kind)}` || steps[k]!.data.text !== e.text || !sameInstant(steps[k]!.at, e.at))
    ) {
      problems.push(`${label} (${u.id}): its review steps differ from the audit chain’s`);
    }
    if (statusAfter(events) !== u.status) problems.push(`${label} (${u.id}): its status ${String(u.status)} is not the one its steps lead to (${String(statusAfter(events))})`);
  }
  const listed = new Set(uses.filter(isObject).map((u) => `emergency_use:${String(u.id)}`));
  for (const r of records) {
    if (r.action === 'emergency_use.filed' && r.at.getTime() >= from && r.at.getTime() <= to && !listed.has(r.subject)) {
      problems.push(`emergency uses: the audit chain records ${r.subject} filed while the meeting ran, missing from the bundle`);
    }
  }
  notes.push(`${uses.length} emergency use(s) of the fund while the meeting ran: as filed and reviewed in the audit chain`);
}

/** How each way a proxy ends is recorded in the audit chain: its action, and for a revocation who revoked. */
const PROXY_ENDING_RECORDS: Record<string, { action: string; by?: string }> = {
  rejected: { action: 'proxy.rejected' },
  revoked_by_grantor: { action: 'proxy.revoked', by: 'grantor' },
  revoked_in_writing: { action: 'proxy.revoked', by: 'written_revocation' },
};

/**
 * R4.3 proxy endings (version 3): each well-formed and as the audit chain recorded it — how it
 * ended, when, the reason and the written revocation's scan — and no end of one of this meeting's
 * proxies that the chain records left out. A proxy ends only while voting runs, so every end
 * precedes the close and the seals, and a certified bundle's are under the signed head.
 */
function checkProxyEndings(bundle: Json, records: AuditRecord[], problems: string[], notes: string[]) {
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const list = Array.isArray(bundle.proxyEndings) ? (bundle.proxyEndings as unknown[]) : null;
  if (list === null) {
    problems.push('proxy endings: missing (a version 3 bundle carries them, an empty list when there were none)');
    return;
  }
  checkManifest(bundle, 'proxyEndings', list, problems);
  const ends = records.filter((r) => (r.action === 'proxy.rejected' || r.action === 'proxy.revoked') && isObject(r.data) && r.data.meetingId === meetingId);
  for (const [i, e] of list.entries()) {
    const label = `proxy ending ${i + 1}`;
    const kind = isObject(e) && isText(e.how) ? PROXY_ENDING_RECORDS[e.how] : undefined;
    if (
      !isObject(e) || !isText(e.proxyId) || !isText(e.grantor) || !isText(e.holder) || kind === undefined || !isText(e.at) ||
      !(e.reason === null || isText(e.reason)) || !(e.revocationDocumentSha256 === null || isText(e.revocationDocumentSha256))
    ) {
      problems.push(`${label}: not well-formed (proxyId, grantor, holder, how: rejected, revoked_by_grantor or revoked_in_writing, at, reason, revocationDocumentSha256)`);
      continue;
    }
    const r = ends.find((x) => x.subject === `proxy:${String(e.proxyId)}`);
    if (
      !r || r.action !== kind.action || (kind.by !== undefined && r.data.by !== kind.by) || !sameInstant(r.at, e.at) ||
      (r.data.reason ?? null) !== e.reason || (r.data.documentSha256 ?? null) !== e.revocationDocumentSha256
    ) {
      problems.push(`${label} (${e.proxyId}): differs from the audit chain’s ${kind.action} record, or has none`);
    }
  }
  const listed = new Set(list.filter(isObject).map((e) => `proxy:${String(e.proxyId)}`));
  for (const r of ends) {
    if (!listed.has(r.subject)) problems.push(`proxy endings: the audit chain records ${r.subject} ${r.action === 'proxy.rejected' ? 'rejected' : 'revoked'}, missing from the bundle`);
  }
  notes.push(`${list.length} proxy ending(s): as rejected or revoked in the audit chain`);
}

function checkCertification(bundle: Json, records: AuditRecord[], recounts: Map<string, Report>, publicKey: string | undefined, problems: string[], notes: string[]) {
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
  if (payload.version === 2) checkSignedNames(bundle, payload, recounts, problems, notes);
  else if (payload.version === 1) notes.push('certification format 1: ids and figures are signed; the names (estate, meeting, titles, labels) are not (名称未经签名)');
  else problems.push(`certification: unknown format version ${JSON.stringify(payload.version)}`);
  if (c.status !== 'certified') notes.push(`filing status: ${String(c.status)} — recorded after certification (see the events)`);
}

export function verifyBundle(bundle: unknown, options: { publicKey?: string } = {}): Verification {
  const problems: string[] = [];
  const notes: string[] = [];
  if (!isObject(bundle) || bundle.format !== 'gongjue.result-bundle' || (bundle.version !== 1 && bundle.version !== 2 && bundle.version !== 3)) {
    return { problems: ['not a gongjue result bundle (expected format "gongjue.result-bundle", version 1, 2 or 3)'], notes };
  }
  const records = checkChain(isObject(bundle.audit) ? bundle.audit : {}, problems, notes);
  const meetingId = isObject(bundle.meeting) ? bundle.meeting.id : undefined;
  const tallied = records.find((r) => r.action === 'meeting.tallied' && r.subject === `meeting:${String(meetingId)}`);
  if (!tallied) problems.push(`audit chain: no 'meeting.tallied' record for meeting ${String(meetingId)} (its seals are missing)`);
  const sealed: unknown = isObject(tallied?.data) ? tallied.data.motions : [];
  const anchors = new Map((Array.isArray(sealed) ? sealed.filter(isObject) : []).map((s) => [String(s.motionId), s as unknown as MotionSeal]));
  const motions = Array.isArray(bundle.motions) ? (bundle.motions as Json[]) : [];
  if (motions.length === 0) problems.push('the bundle has no motions');
  const recounts = new Map<string, Report>();
  for (const m of motions) {
    try {
      const report = checkMotion(isObject(m) ? m : {}, anchors.get(String(isObject(m) ? m.motionId : m)), problems);
      if (report && isObject(m)) recounts.set(String(m.motionId), report);
    } catch (error) {
      // e.g. a number with a fraction where only strings and integers may be: no canonical form.
      problems.push(`motion ${String(isObject(m) ? m.motionId : m)}: cannot be read: ${(error as Error).message}`);
    }
  }
  for (const id of anchors.keys()) if (!motions.some((m) => m.motionId === id)) problems.push(`motion ${id} was sealed at close but is missing from the bundle`);
  if (motions.length > 0 && problems.length === 0) notes.push(`${motions.length} motion(s): seals and results match, and the engine's recount gives the same results`);
  try {
    checkCertification(bundle, records, recounts, options.publicKey, problems, notes);
  } catch (error) {
    problems.push(`certification: cannot be read: ${(error as Error).message}`);
  }
  if (bundle.version === 1) {
    notes.push('bundle version 1: it carries no objections, emergency uses or proxy endings');
  } else {
    const checks: [string, typeof checkObjections][] = [
      ['objections', checkObjections],
      ['emergency uses', checkEmergencyUses],
    ];
    if (bundle.version === 3) checks.push(['proxy endings', checkProxyEndings]);
    else notes.push('bundle version 2: it carries no proxy endings');
    for (const [section, check] of checks) {
      try {
        check(bundle, records, problems, notes);
      } catch (error) {
        problems.push(`${section}: cannot be read: ${(error as Error).message}`);
      }
    }
  }
  return { problems, notes };
}
