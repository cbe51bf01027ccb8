import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types of the database, in step with migrations/. */

/** Set by the database on insert; never written by the application. */
type CreatedAt = ColumnType<Date, never, never>;
/** A timestamp the application may set (or leave to its default). */
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
/** bigint columns come back as strings (exact); write them as number, bigint or string. */
type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TownshipTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface EstateTable {
  id: Generated<string>;
  township_id: string;
  name: string;
  address: string | null;
  time_zone: Generated<string>;
  settings: Json<Record<string, unknown>>;
  registry_version: Generated<number>;
  created_at: CreatedAt;
}

export interface BuildingTable {
  id: Generated<string>;
  estate_id: string;
  name: string;
}

export interface StairTable {
  id: Generated<string>;
  building_id: string;
  name: string;
}

export interface UnitTable {
  id: Generated<string>;
  estate_id: string;
  registry_no: string;
  building_id: string;
  stair_id: string | null;
  room: string;
  area_hundredths: Int8;
  area_source: 'registry' | 'surveyed' | 'contract';
  kind: 'residential' | 'commercial' | 'parking';
  developer_held: boolean;
  created_at: CreatedAt;
  updated_at: Timestamp;
  removed_at: NullableTimestamp;
}

export interface OwnerTable {
  id: Generated<string>;
  estate_id: string;
  kind: 'person' | 'organisation';
  name: string;
  id_type: string;
  /** The keyed HMAC of the identity number (`identityKey`), its 32 bytes. */
  id_key: Buffer;
  id_tail: string;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UnitOwnerTable {
  unit_id: string;
  owner_id: string;
  representative: Generated<boolean>;
  /** The HMAC of the property certificate number (不动产权证书号) the registry records for this owner of this unit. */
  certificate_key: Buffer | null;
}

export interface AccountTable {
  id: Generated<string>;
  phone: string;
  created_at: CreatedAt;
  last_login_at: NullableTimestamp;
}

/** How a binding of an account to an owner was established, weakest first (src/identity/assurance.ts). */
export type AssuranceLevel = 'knowledge' | 'registry_factor' | 'provider_face' | 'in_person';

/** A face check started for an account: the name and identity number (HMAC) the provider's outcome must match. */
export interface FaceCheckTable {
  id: Generated<string>;
  account_id: string;
  provider: string;
  token: string;
  name: string;
  id_key: Buffer;
  created_at: Date;
  completed_at: NullableTimestamp;
}

export interface OwnerBindingTable {
  id: Generated<string>;
  account_id: string;
  owner_id: string;
  method: 'self' | 'in_person' | 'face';
  /** How strongly the binding was established (issue 14; src/identity/assurance.ts). */
  level: AssuranceLevel;
  /** registry_factor: which second factor from the registry was given. */
  factor: 'phone' | 'property_certificate' | null;
  /** provider_face: the provider (`tencent`, `development`) and its reference for the check. */
  face_provider: string | null;
  face_reference: string | null;
  verified_by: string | null;
  document_type: string | null;
  document_note: string | null;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  /** Organisations and the developer (in person only): the HMAC of the licence's credit code and who represented them. */
  licence_key: Buffer | null;
  representative_name: string | null;
  representative_capacity: 'legal_representative' | 'authorised_agent' | null;
  representative_id_type: string | null;
  representative_id_key: Buffer | null;
  representative_id_tail: string | null;
}

export interface VerificationAttemptTable {
  id: Generated<string>;
  account_id: string;
  succeeded: boolean;
  at: Timestamp;
  ip: string | null;
}

/** A failed self-verification that named this owner (their registry name, a wrong number). */
export interface VerificationOwnerFailureTable {
  id: Generated<string>;
  owner_id: string;
  account_id: string;
  ip: string | null;
  at: Date;
}

export interface OtpChallengeTable {
  id: Generated<string>;
  phone: string;
  code_hash: string;
  ip: string;
  created_at: Timestamp;
  expires_at: Date;
  attempts: Generated<number>;
  consumed_at: NullableTimestamp;
  /** The daily ceiling the code was charged to: `estate:<id>`, `unattached`, or null (staff, exempt). */
  ceiling: string | null;
}

export interface SmsOutboxTable {
  id: Generated<string>;
  phone: string;
  purpose: string;
  body: string;
  sender: string;
  created_at: CreatedAt;
}

export type RoleName = 'admin' | 'township_staff' | 'committee' | 'organiser';

export interface RoleAssignmentTable {
  id: Generated<string>;
  account_id: string;
  role: RoleName;
  township_id: string | null;
  estate_id: string | null;
  granted_by: string | null;
  granted_at: CreatedAt;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface ApiClientTable {
  id: Generated<string>;
  name: string;
  secret_hash: string;
  access: 'read' | 'read_write';
  township_ids: ColumnType<string[], string[] | undefined, string[]>;
  estate_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface RefreshTokenTable {
  id: Generated<string>;
  account_id: string;
  family_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface RegistryImportTable {
  id: Generated<string>;
  estate_id: string;
  base_version: number;
  format: 'csv' | 'json';
  status: 'previewed' | 'applied' | 'superseded';
  /** The gzipped write plan of the preview (src/registry/plan.ts). */
  plan_gz: Buffer;
  summary: Json<unknown>;
  created_by: string;
  created_at: CreatedAt;
  applied_by: string | null;
  applied_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  chain: string;
  seq: Int8;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Json<unknown>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  chain: string;
  seq: Int8;
  hash: string;
}

/** 'discrepancy': closed, but the SQL totals and the engine's recount of the sealed record disagreed — no result, never published. */
export type MeetingStatus = 'draft' | 'noticed' | 'open' | 'closed' | 'tallied' | 'published' | 'cancelled' | 'discrepancy';

export interface MeetingTable {
  id: Generated<string>;
  estate_id: string;
  kind: 'regular' | 'temporary';
  title: string;
  description: string | null;
  status: MeetingStatus;
  voting_opens_at: Date;
  voting_closes_at: Date;
  created_by: string;
  created_at: CreatedAt;
  noticed_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  tallied_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  published_at: NullableTimestamp;
  /** The estate's lowest level of assurance that may vote online, frozen when voting opens (null before). */
  min_assurance: AssuranceLevel | null;
}

export interface MotionTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  matter: string;
  kind: 'yes_no' | 'options' | 'election';
  title: string;
  text: Generated<string>;
  terms: Json<unknown>;
  documents: ColumnType<unknown, string | undefined, string>;
  total_area_hundredths: ColumnType<string | null, never, number | bigint | string | null>;
  total_heads: ColumnType<number | null, never, number | null>;
  created_at: CreatedAt;
}

export interface ElectorateVoterTable {
  id: Generated<string>;
  motion_id: string;
  voter_key: string;
  developer: boolean;
  owners: string[];
  units: string[];
  area_hundredths: Int8;
  representative: string | null;
}

export type Channel = 'online' | 'paper' | 'proxy';

export interface BallotTable {
  id: Generated<string>;
  motion_id: string;
  voter_id: string;
  version: number;
  choice: Json<unknown>;
  spoiled: Generated<boolean>;
  channel: Channel;
  cast_by: string;
  owner_id: string | null;
  proxy_id: string | null;
  paper_entry_id: string | null;
  /** Online: the level of the binding that cast it; null for paper and proxy ballots. */
  assurance_level: AssuranceLevel | null;
  cast_at: Date;
}

export interface CurrentBallotTable {
  motion_id: string;
  voter_id: string;
  ballot_id: string;
  version: number;
  personal: boolean;
}

export interface PaperEntryTable {
  id: Generated<string>;
  motion_id: string;
  voter_id: string;
  choice: Json<unknown>;
  spoiled: boolean;
  scan_url: string;
  scan_sha256: string;
  /** The owner who signed the paper (0009); null for entries made before it was asked. */
  signed_by: Generated<string | null>;
  entered_by: string;
  entered_at: Date;
  status: 'pending' | 'confirmed' | 'rejected';
  decided_by: string | null;
  decided_at: NullableTimestamp;
  ballot_id: string | null;
  /** The last double-entry check that disagreed (0019): what the second organiser read, who, when; null until one did. */
  check_choice: ColumnType<unknown, string | null | undefined, string | null>;
  check_spoiled: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  checked_by: ColumnType<string | null, string | null | undefined, string | null>;
  checked_at: NullableTimestamp;
}

export interface ProxyTable {
  id: Generated<string>;
  meeting_id: string;
  grantor_owner_id: string;
  holder_account_id: string;
  instructions: ColumnType<unknown, string | null, string | null>;
  document_url: string;
  document_sha256: string;
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  registered_by: string;
  registered_at: Date;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  /** Who rejected or revoked it, and when (0025); null while pending or approved. */
  ended_by: string | null;
  ended_at: NullableTimestamp;
  end_reason: string | null;
  /** The grantor, when they revoked it themselves from the owner app. */
  revoked_by_owner: string | null;
  /** The scan of a written revocation an organiser recorded. */
  revocation_document_url: string | null;
  revocation_document_sha256: string | null;
}

export interface IdempotencyKeyTable {
  account_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: CreatedAt;
}

export interface MotionResultTable {
  motion_id: string;
  meeting_id: string;
  totals: Json<unknown>;
  report: Json<unknown>;
  outcome: string;
  decided_at: Date;
}

export interface PetitionTable {
  id: Generated<string>;
  estate_id: string;
  purpose: 'temporary_meeting' | 'parking_expansion';
  title: string;
  text: Generated<string>;
  created_by: string;
  created_at: Date;
  threshold_reached_at: NullableTimestamp;
}

export interface PetitionSignatureTable {
  petition_id: string;
  owner_id: string;
  account_id: string;
  signed_at: Date;
}

/** How far an account's online ballots on a meeting have been confirmed by SMS (0016). */
export interface BallotConfirmationTable {
  account_id: string;
  meeting_id: string;
  /** The cast_at of the last online ballot confirmed. */
  confirmed_through: Date;
  confirmed_at: Date;
  messages: Generated<number>;
}

export interface NotificationTable {
  id: Generated<string>;
  /** Null only for a message to a phone (a login code). */
  estate_id: string | null;
  topic: string;
  /** A MessageKind (src/notifications/sms-provider.ts), or an inbox-only kind (tally_discrepancy, sms_ceiling_reached). */
  kind: string;
  /** The template parameters (TEMPLATE_PARAMS order); null when sealed. */
  params: Json<Record<string, string>> | null;
  /** A login code's parameters, sealed (AES-256-GCM); wiped once sent, failed or expired. */
  sealed: Buffer | null;
  subject_id: string | null;
  recipient: 'owner' | 'residents_committee' | 'committee' | 'township' | 'admin' | 'phone';
  owner_id: string | null;
  /** recipient 'phone' only. */
  phone: string | null;
  body: string;
  created_at: Date;
  /** Not sent after this instant (a login code). */
  expires_at: Date | null;
  sent_at: NullableTimestamp;
  /** The inbox: when it was marked read. */
  read_at: NullableTimestamp;
}

export type MessageDeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** One SMS of one message to one phone (migration 0014). */
export interface MessageDeliveryTable {
  id: Generated<string>;
  notification_id: string;
  estate_id: string | null;
  channel: Generated<'sms'>;
  phone: string;
  status: Generated<MessageDeliveryStatus>;
  reason: string | null;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  provider: string | null;
  provider_message_id: string | null;
  created_at: Date;
  last_attempt_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  failed_at: NullableTimestamp;
}

export interface OwnerMessagePreferenceTable {
  owner_id: string;
  reminders: boolean;
  updated_by: string;
  updated_at: Date;
}

export interface SmsCeilingAlertTable {
  estate_id: string;
  local_day: string;
  alerted_at: Date;
}

/** A unit as it stood when voting opened (R4.6): the tally record's units. */
export interface ElectorateUnitTable {
  meeting_id: string;
  unit_id: string;
  registry_no: string;
  building: string;
  stair: string | null;
  room: string;
  area_hundredths: Int8;
  area_source: 'registry' | 'surveyed' | 'contract';
  kind: 'residential' | 'commercial' | 'parking';
  developer_held: boolean;
  owners: string[];
  representative: string | null;
}

/** The snapshot's units as canonical JSON lines, a chunk of them a row (migration 0024). */
export interface ElectorateUnitLinesTable {
  meeting_id: string;
  chunk: number;
  units: number;
  lines: Buffer;
}

export interface ResultSealTable {
  motion_id: string;
  meeting_id: string;
  settings: Json<unknown>;
  units_count: number;
  units_sha256: string;
  ballots_count: number;
  ballots_head: string;
  record_sha256: string;
  result_sha256: string;
  sealed_at: Date;
}

export type FilingStatus = 'awaiting_review' | 'returned' | 'certified' | 'correction_ordered' | 'revoked';

export interface FilingTable {
  meeting_id: string;
  estate_id: string;
  township_id: string;
  status: FilingStatus;
  updated_at: Date;
  certified_at: NullableTimestamp;
  certified_by: string | null;
  payload: ColumnType<unknown, string | null | undefined, string | null>;
  signature: string | null;
  key_id: string | null;
  public_key: string | null;
}

export type FilingEventKind = 'certified' | 'returned' | 'resubmitted' | 'correction_ordered' | 'revoked';

export interface FilingEventTable {
  id: Generated<string>;
  meeting_id: string;
  kind: FilingEventKind;
  actor: string;
  at: Date;
  text: Generated<string>;
  reference: string | null;
}

/** A file kept with an estate's records (0017): a ballot's scan, a written proxy. */
export interface AttachmentTable {
  id: Generated<string>;
  estate_id: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  name: string;
  content: Buffer;
  uploaded_by: string;
  created_at: Date;
}

export interface DB {
  townships: TownshipTable;
  estates: EstateTable;
  buildings: BuildingTable;
  stairs: StairTable;
  units: UnitTable;
  owners: OwnerTable;
  unit_owners: UnitOwnerTable;
  accounts: AccountTable;
  owner_bindings: OwnerBindingTable;
  face_checks: FaceCheckTable;
  verification_attempts: VerificationAttemptTable;
  verification_owner_failures: VerificationOwnerFailureTable;
  otp_challenges: OtpChallengeTable;
  sms_outbox: SmsOutboxTable;
  role_assignments: RoleAssignmentTable;
  api_clients: ApiClientTable;
  refresh_tokens: RefreshTokenTable;
  registry_imports: RegistryImportTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  meetings: MeetingTable;
  motions: MotionTable;
  electorate_voters: ElectorateVoterTable;
  ballots: BallotTable;
  current_ballots: CurrentBallotTable;
  paper_entries: PaperEntryTable;
  proxies: ProxyTable;
  idempotency_keys: IdempotencyKeyTable;
  motion_results: MotionResultTable;
  petitions: PetitionTable;
  petition_signatures: PetitionSignatureTable;
  notifications: NotificationTable;
  ballot_confirmations: BallotConfirmationTable;
  message_deliveries: MessageDeliveryTable;
  owner_message_preferences: OwnerMessagePreferenceTable;
  sms_ceiling_alerts: SmsCeilingAlertTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  electorate_units: ElectorateUnitTable;
  electorate_unit_lines: ElectorateUnitLinesTable;
  result_seals: ResultSealTable;
  filings: FilingTable;
  filing_events: FilingEventTable;
  tally_discrepancies: TallyDiscrepancyTable;
  attachments: AttachmentTable;
  canvass_visits: CanvassVisitTable;
  objection_windows: ObjectionWindowTable;
  objections: ObjectionTable;
  emergency_uses: EmergencyUseTable;
  emergency_use_quotes: EmergencyUseQuoteTable;
  emergency_use_events: EmergencyUseEventTable;
  anomaly_flags: AnomalyFlagTable;
}

export type AnomalyKind = 'shared_phone' | 'shared_address' | 'proxy_near_cap' | 'late_burst' | 'paper_share' | 'low_assurance' | 'late_binding';

/** Migration 0020: what the close found worth the township's attention (R7.3); never read by the tally. */
export interface AnomalyFlagTable {
  id: Generated<string>;
  meeting_id: string;
  estate_id: string;
  kind: AnomalyKind;
  key: string;
  figures: Json<Record<string, string | number>>;
  voters: Json<unknown>;
  flagged_at: Date;
}

export type Township = Selectable<TownshipTable>;
export type NewTownship = Insertable<TownshipTable>;
export type Estate = Selectable<EstateTable>;
export type Meeting = Selectable<MeetingTable>;
export type MotionRow = Selectable<MotionTable>;

export interface WebhookSubscriptionTable {
  id: Generated<string>;
  township_id: string | null;
  estate_id: string | null;
  url: string;
  secret: string;
  events: string[];
  description: string | null;
  created_by: string;
  created_at: CreatedAt;
  disabled_at: NullableTimestamp;
}

export interface WebhookEventTable {
  id: Generated<string>;
  type: string;
  estate_id: string;
  subject: string;
  body: string;
  occurred_at: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryTable {
  id: Generated<string>;
  subscription_id: string;
  event_id: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: Date;
}

/** A motion whose SQL totals and engine recount disagreed at close (migration 0012). */
export interface TallyDiscrepancyTable {
  motion_id: string;
  meeting_id: string;
  counted: unknown;
  recounted: unknown;
  differences: string[];
  detected_at: Date;
}

/** What organisers found at a voter's door (canvassing, migration 0018). */
export type CanvassStatus = 'visited' | 'not_home' | 'refused' | 'lives_elsewhere' | 'paper_ballot' | 'needs_help';

export interface CanvassVisitTable {
  id: Generated<string>;
  meeting_id: string;
  voter_key: string;
  status: CanvassStatus;
  note: string | null;
  set_by: string;
  set_at: Date;
}

/** The objection window of a published result (0021, R7.2): frozen from the estate's objectionDays at publication. */
export interface ObjectionWindowTable {
  meeting_id: string;
  estate_id: string;
  days: number;
  opened_at: Date;
  closes_at: Date;
  /** When the result became final: the window ended and every objection was answered. */
  final_at: NullableTimestamp;
}

/** An owner's objection to how their own ballot was recorded, and the committee's answer (0021). */
export interface ObjectionTable {
  id: Generated<string>;
  meeting_id: string;
  estate_id: string;
  motion_id: string;
  voter_id: string;
  ballot_id: string | null;
  owner_id: string;
  account_id: string;
  text: string;
  created_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: NullableTimestamp;
}

export type EmergencyKind = 'lift' | 'fire_safety' | 'water_supply' | 'danger_to_persons';
export type EmergencyUseStatus = 'awaiting_review' | 'acknowledged' | 'questioned';
export type EmergencyUseEventKind = 'filed' | 'acknowledged' | 'questioned' | 'answered';

/** An emergency use of the maintenance fund (0022, R4.9/R7.1): amount in fen, an integer. */
export interface EmergencyUseTable {
  id: Generated<string>;
  estate_id: string;
  township_id: string;
  kind: EmergencyKind;
  title: string;
  reason: string;
  amount_fen: Int8;
  status: EmergencyUseStatus;
  filed_by: string;
  filed_at: Date;
  updated_at: Date;
}

export interface EmergencyUseQuoteTable {
  emergency_use_id: string;
  attachment_id: string;
  position: number;
}

export interface EmergencyUseEventTable {
  id: Generated<string>;
  emergency_use_id: string;
  kind: EmergencyUseEventKind;
  actor: string;
  at: Date;
  text: Generated<string>;
}
