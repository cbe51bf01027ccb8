import { ProblemError } from '../problems.ts';
import type { Grant, Principal } from './principal.ts';

/**
 * The one place that decides who may do what. Every route asks here; no route
 * looks at roles itself. An action not listed is refused.
 */
export type Action =
  | 'township.create'
  | 'township.list'
  | 'township.read'
  | 'township.appoint_staff'
  | 'township.supervise'
  | 'estate.create'
  | 'estate.read'
  | 'estate.configure'
  | 'estate.appoint_roles'
  | 'estate.read_roles'
  | 'registry.import'
  | 'registry.read'
  | 'registry.read_identities'
  | 'owner.verify_in_person'
  | 'owner.verify_organisation_in_person'
  | 'registry.designate_representative'
  | 'api_client.manage'
  | 'meeting.manage'
  | 'meeting.read'
  | 'meeting.read_draft'
  | 'meeting.turnout'
  | 'meeting.deliveries'
  | 'ballot.cast'
  | 'paper.enter'
  | 'proxy.manage'
  | 'electorate.lookup'
  | 'attachment.manage'
  | 'canvass.manage'
  | 'canvass.reveal_phone'
  | 'petition.sign'
  | 'petition.read'
  | 'webhook.manage'
  | 'webhook.replay'
  | 'jobs.dashboard'
  | 'result.read'
  | 'result.publish'
  | 'filing.review'
  | 'filing.resubmit'
  | 'objection.read'
  | 'objection.raise'
  | 'objection.answer'
  | 'emergency.read'
  | 'emergency.file'
  | 'emergency.review';

/** What an action is about. An estate always comes with its township. */
export type Target = { townshipId?: string; estateId?: string };

type Rule = (grant: Grant, target: Target) => boolean;

const admin: Rule = (g) => g.role === 'admin';
const staffOfTownship: Rule = (g, t) => g.role === 'township_staff' && t.townshipId !== undefined && g.townshipId === t.townshipId;
const committeeOfEstate: Rule = (g, t) => g.role === 'committee' && t.estateId !== undefined && g.estateId === t.estateId;
const organiserOfEstate: Rule = (g, t) => g.role === 'organiser' && t.estateId !== undefined && g.estateId === t.estateId;
const ownerInEstate: Rule = (g, t) => g.role === 'owner' && t.estateId !== undefined && g.estateId === t.estateId;
/** A registered system reading within its scope: the township, or the estate itself. */
const clientReading: Rule = (g, t) =>
  g.role === 'client' &&
  ((t.townshipId !== undefined && g.townshipIds.includes(t.townshipId)) ||
    (t.estateId !== undefined && g.estateIds.includes(t.estateId)));
const clientWriting: Rule = (g, t) => g.role === 'client' && g.access === 'read_write' && clientReading(g, t);

/** Anyone signed in; what they then see is filtered (e.g. by visibleTownships). */
const ANYONE_SIGNED_IN = 'anyone signed in';

const RULES: Record<Action, Rule[] | typeof ANYONE_SIGNED_IN> = {
  'township.create': [admin],
  'township.list': ANYONE_SIGNED_IN,
  'township.read': [admin, staffOfTownship, clientReading],
  'township.appoint_staff': [admin],
  // The township's overview of its estates, its anomaly flags and a filing's evidence (issue 17): its staff and admins.
  'township.supervise': [admin, staffOfTownship],
  'estate.create': [admin, staffOfTownship],
  'estate.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate, clientReading],
  'estate.configure': [admin, staffOfTownship],
  'estate.appoint_roles': [admin, staffOfTownship],
  // Who is on the estate's committee and among its organisers (masked phones): those who appoint them, and the people themselves.
  'estate.read_roles': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate],
  'registry.import': [admin, staffOfTownship, clientWriting],
  // The unit list with owners' names masked.
  'registry.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, clientReading],
  // Full names and phones: authorised staff only.
  'registry.read_identities': [admin, staffOfTownship],
  'owner.verify_in_person': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate],
  // Organisations and the developer (R5.2): township staff only — the developer's head is large,
  // and a committee may stand against the developer or the shops on the very matters voted.
  'owner.verify_organisation_in_person': [admin, staffOfTownship],
  // R1.4: recording which co-owner the co-owners chose to cast their vote.
  'registry.designate_representative': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate],
  'api_client.manage': [admin],
  // Committee members and organisers call meetings and put motions.
  'meeting.manage': [committeeOfEstate, organiserOfEstate],
  'meeting.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate, clientReading],
  // A draft is the organisers' work in progress, for those who prepare or oversee it: owners see a meeting from its notice on.
  'meeting.read_draft': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, clientReading],
  // Turnout only (area and heads that took part), never the running counts.
  'meeting.turnout': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate],
  // How the meeting's messages went out (masked phones) and re-sending the failed: those who called it.
  'meeting.deliveries': [committeeOfEstate, organiserOfEstate],
  'ballot.cast': [ownerInEstate],
  'paper.enter': [committeeOfEstate, organiserOfEstate],
  'proxy.manage': [committeeOfEstate, organiserOfEstate],
  // Finding a voter (id, units, masked names, whether and how they voted — never their choice):
  // those who enter paper ballots and register proxies for them.
  'electorate.lookup': [committeeOfEstate, organiserOfEstate],
  // Scans of paper ballots and written proxies (signatures, names): those who enter and approve them, and the township that oversees.
  'attachment.manage': [staffOfTownship, committeeOfEstate, organiserOfEstate],
  // Canvassing (扫楼): who has not voted, with masked names and phones, what was found at the door,
  // walking lists and reminders to chosen voters — the organisers who walk the estate.
  'canvass.manage': [committeeOfEstate, organiserOfEstate],
  // A full phone number, to call a voter: the same people, each reveal written to the audit log.
  'canvass.reveal_phone': [committeeOfEstate, organiserOfEstate],
  'petition.sign': [ownerInEstate],
  'petition.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate, clientReading],
  // Subscribing to events is reading them: a registered system may subscribe within its own scope.
  'webhook.manage': [admin, staffOfTownship, clientReading],
  // The failed-delivery list spans every receiver: admins only.
  'webhook.replay': [admin],
  'jobs.dashboard': [admin],
  // The published notice (masked), receipts, the filing and the export bundle (R4.7).
  'result.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate, clientReading],
  'result.publish': [committeeOfEstate, organiserOfEstate],
  // Filing (备案, R4.8): the estate's own township certifies, returns, records rulings.
  'filing.review': [admin, staffOfTownship],
  'filing.resubmit': [committeeOfEstate, organiserOfEstate],
  // The objection window (询异公示, R7.2): an owner objects to how their own ballot was recorded (the service checks it is theirs)
  // and sees their own objections; those who called the meeting answer each; the township oversees.
  'objection.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate],
  'objection.raise': [ownerInEstate],
  'objection.answer': [committeeOfEstate, organiserOfEstate],
  // Emergency use of the maintenance fund (R4.9, R7.1): the committee files it, the township acknowledges or questions it,
  // and every owner of the estate sees it, flagged as spent without a vote.
  'emergency.read': [admin, staffOfTownship, committeeOfEstate, organiserOfEstate, ownerInEstate, clientReading],
  'emergency.file': [committeeOfEstate],
  'emergency.review': [admin, staffOfTownship],
};

/** The role each rule lets act, to say who may (the console's "who can change this"). */
const ROLE_OF_RULE = new Map<Rule, Grant['role']>([
  [admin, 'admin'],
  [staffOfTownship, 'township_staff'],
  [committeeOfEstate, 'committee'],
  [organiserOfEstate, 'organiser'],
  [ownerInEstate, 'owner'],
  [clientReading, 'client'],
  [clientWriting, 'client'],
]);

const ALL_ROLES: Grant['role'][] = ['admin', 'township_staff', 'committee', 'organiser', 'owner', 'client'];

/** The roles that may take an action (within their own township or estate), from the same rules `may` applies. */
export function rolesAllowed(action: Action): Grant['role'][] {
  const rules = RULES[action];
  if (rules === ANYONE_SIGNED_IN) return ALL_ROLES;
  return [...new Set(rules.map((rule) => ROLE_OF_RULE.get(rule)!))];
}

export function may(principal: Principal, action: Action, target: Target = {}): boolean {
  const rules = RULES[action];
  if (rules === ANYONE_SIGNED_IN) return true;
  return principal.grants.some((grant) => rules.some((rule) => rule(grant, target)));
}

/**
 * Throws unless allowed. When the asker may not even read the target (another
 * estate's or township's), the answer is "not found": its existence stays hidden.
 */
export function authorize(principal: Principal, action: Action, target: Target = {}): void {
  if (may(principal, action, target)) return;
  const canSee =
    target.estateId !== undefined
      ? may(principal, 'estate.read', target)
      : target.townshipId !== undefined
        ? may(principal, 'township.read', target) || may(principal, 'estate.create', target)
        : true;
  throw canSee ? new ProblemError('forbidden', `Not allowed: ${action}`) : new ProblemError('not-found');
}

/** Townships whose records the principal may see: 'all', or a list of ids. */
export function visibleTownships(principal: Principal): 'all' | string[] {
  if (principal.grants.some((g) => g.role === 'admin')) return 'all';
  const ids = new Set<string>();
  for (const g of principal.grants) {
    if (g.role === 'township_staff') ids.add(g.townshipId);
    if (g.role === 'client') for (const id of g.townshipIds) ids.add(id);
  }
  return [...ids];
}

/** The owner ids an account is verified as, within one estate. */
export function ownedIn(principal: Principal, estateId: string): string[] {
  return principal.grants.flatMap((g) => (g.role === 'owner' && g.estateId === estateId ? [g.ownerId] : []));
}
