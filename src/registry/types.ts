import type { RowErrorCode } from './row-errors.ts';

/**
 * The property registry extract (不动产登记簿 摘录) as Gongjue reads it.
 * Parsing and validation are pure (this folder); the import service adds the
 * identity HMACs and writes to the database.
 */

export const AREA_SOURCES = ['registry', 'surveyed', 'contract'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

export const UNIT_KINDS = ['residential', 'commercial', 'parking'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * Identity documents an owner may be recorded with.
 * resident_id: 居民身份证 (GB 11643, 18 characters, ISO 7064 MOD 11-2 check character);
 * hk_macao_permit / taiwan_permit: 港澳/台湾居民来往内地通行证;
 * foreign_permanent_id: 外国人永久居留身份证; passport;
 * uscc: 统一社会信用代码 of an organisation (GB 32100, 18 characters with its own check character).
 */
export const ID_DOC_TYPES = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id', 'passport', 'uscc'] as const;
export type IdDocType = (typeof ID_DOC_TYPES)[number];

export const OWNER_KINDS = ['person', 'organisation'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** One owner of one unit, as read from the file. `idNumber` is normalised (trimmed, upper case). */
export interface ParsedOwner {
  name: string;
  kind: OwnerKind;
  idType: IdDocType;
  idNumber: string;
  phone: string | null;
  /** The property certificate number (不动产权证书号) of this owner for this unit, normalised; null when the file gives none. */
  certificateNumber: string | null;
}

/** What a registry says of a unit apart from its owners: the same in a file as read and in the registry. */
export interface UnitFacts {
  registryNo: string;
  building: string;
  stair: string | null;
  room: string;
  /** Exact area in hundredths of a square metre ("88.50" → 8850). */
  areaHundredths: number;
  areaSource: AreaSource;
  kind: UnitKind;
  developerHeld: boolean;
}

/** One unit with all its owners (co-owners are several rows of one registry number in CSV). */
export interface ParsedUnit extends UnitFacts {
  /** 1-based line (CSV) or 1-based index in `units` (JSON) where the unit first appears. */
  line: number;
  owners: ParsedOwner[];
}

export interface RowError {
  /** 1-based line in the CSV (the header is line 1), or 1-based unit index in JSON (0: the JSON document as a whole). */
  line: number;
  /** The column or JSON field at fault, when one is. */
  field?: string;
  /** What is wrong, as a stable code (row-errors.ts, docs/registry-import.md) with the figures its sentence needs. */
  code: RowErrorCode;
  params: Record<string, string | number>;
  /** The same in English, for API clients. */
  message: string;
}

export type ParseResult = { ok: true; units: ParsedUnit[] } | { ok: false; errors: RowError[] };

/**
 * A unit as the registry holds it once identity numbers are replaced by their
 * keyed HMAC (`idKey`). The diff compares these, so nothing in it or in a
 * stored preview ever carries a plain identity number.
 */
export interface RegistryOwner {
  idKey: string;
  name: string;
  kind: OwnerKind;
  idType: IdDocType;
  /** Last 4 characters of the identity number, for staff to tell people apart. */
  idTail: string;
  phone: string | null;
  /**
   * The HMAC of the property certificate number recorded for this owner of this unit (src/registry/certificate.ts);
   * null when none. Per unit, unlike the other fields: not an owner detail the diff compares.
   */
  certificateKey: string | null;
}

export interface RegistryUnit extends UnitFacts {
  owners: RegistryOwner[];
}

/** The facts of a unit a re-import may change (its registry number names it). */
export type UnitField = Exclude<keyof UnitFacts, 'registryNo'>;

export interface RegistryDiff {
  added: RegistryUnit[];
  removed: RegistryUnit[];
  /** Units whose own fields changed (not their owners). */
  changed: { registryNo: string; fields: UnitField[]; before: RegistryUnit; after: RegistryUnit }[];
  /** Units whose owner set changed (过户): owners compared by idKey. */
  transfers: { registryNo: string; from: RegistryOwner[]; to: RegistryOwner[] }[];
  /**
   * Owners (by idKey) found on both sides whose name, kind or phone changed;
   * each owner once, however many units they hold. `before`/`after` carry the
   * values so a preview can show them and an apply can write them.
   */
  ownerUpdates: { idKey: string; fields: ('name' | 'kind' | 'phone')[]; before: RegistryOwner; after: RegistryOwner }[];
  /** Units kept by the same owners whose property certificate numbers changed (by registry number; owners by idKey). */
  certificates: { registryNo: string; owners: { idKey: string; certificateKey: string | null }[] }[];
  unchanged: number;
}

/** An owner as a preview shows them: never an identity number or its HMAC. */
export interface OwnerSummary {
  name: string;
  kind: RegistryOwner['kind'];
  idType: RegistryOwner['idType'];
  idTail: string;
}

/** A registry import as staff see it: what applying it would change, and whether it was applied. */
export interface ImportPreview {
  id: string;
  estateId: string;
  status: 'previewed' | 'applied' | 'superseded';
  baseVersion: number;
  format: 'csv' | 'json';
  units: number;
  counts: { added: number; removed: number; changed: number; transfers: number; ownerUpdates: number; unchanged: number };
  diff: {
    added: string[];
    removed: string[];
    changed: { registryNo: string; fields: string[] }[];
    transfers: { registryNo: string; from: OwnerSummary[]; to: OwnerSummary[] }[];
    truncated: boolean;
  };
  createdAt: string;
  appliedAt: string | null;
}

/** What a preview stores beside its plan, and shows as it is: the file's size and the diff's counts and first entries. */
export type PreviewSummary = Pick<ImportPreview, 'units' | 'counts' | 'diff'>;

/** The registry as it stands, with the database ids an import writes against. */
export interface CurrentRegistry {
  units: RegistryUnit[];
  /** Registry number → id of each current unit. */
  unitIds: Map<string, string>;
  /** idKey → every owner row of the estate, whether or not it still holds a unit. */
  owners: Map<string, { id: string; owner: RegistryOwner }>;
  /** Building name → id. */
  buildings: Map<string, string>;
  /** `stairKey(building id, stair name)` → id. */
  stairs: Map<string, string>;
}

/** The key of a stair in `CurrentRegistry.stairs`: stair names repeat across buildings. */
export const stairKey = (buildingId: string, name: string) => `${buildingId}\u0000${name}`;
