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
  id_key: string;
  id_tail: string;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UnitOwnerTable {
  unit_id: string;
  owner_id: string;
  representative: Generated<boolean>;
}

export interface AccountTable {
  id: Generated<string>;
  phone: string;
  created_at: CreatedAt;
  last_login_at: NullableTimestamp;
}

export interface OwnerBindingTable {
  id: Generated<string>;
  account_id: string;
  owner_id: string;
  method: 'self' | 'in_person';
  verified_by: string | null;
  document_type: string | null;
  document_note: string | null;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface VerificationAttemptTable {
  id: Generated<string>;
  account_id: string;
  succeeded: boolean;
  at: Timestamp;
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
  units_gz: Buffer;
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
  verification_attempts: VerificationAttemptTable;
  otp_challenges: OtpChallengeTable;
  sms_outbox: SmsOutboxTable;
  role_assignments: RoleAssignmentTable;
  api_clients: ApiClientTable;
  refresh_tokens: RefreshTokenTable;
  registry_imports: RegistryImportTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
}

export type Township = Selectable<TownshipTable>;
export type NewTownship = Insertable<TownshipTable>;
export type Estate = Selectable<EstateTable>;
