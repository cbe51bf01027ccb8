import { parseAreaHundredths } from './area.ts';
import { readCertificateNumber } from './certificate.ts';
import { idTail, normaliseIdNumber } from './id-number.ts';
import { readCode, readDeveloperHeld, readOwnerKind, readPhone, readText, type Read } from './read-fields.ts';
import { excerpt, refused, rowFault, type RowFault } from './row-errors.ts';
import type { AreaSource, IdDocType, ParsedOwner, ParsedUnit, RowError, UnitKind } from './types.ts';
import { AREA_SOURCE_WORDS, ID_DOC_TYPE_WORDS, UNIT_KIND_WORDS } from './vocabulary.ts';

/**
 * The rules both import formats share. Each parser turns its input into
 * `RawUnit`s (strings exactly as written, trimmed or not) and says how to name
 * a place in its own terms; everything a unit or owner must satisfy is checked
 * here once, so the CSV and JSON forms cannot drift apart.
 */

export type UnitKey = 'registryNo' | 'building' | 'stair' | 'room' | 'area' | 'areaSource' | 'kind' | 'developerHeld';
export type OwnerKey = 'name' | 'kind' | 'idType' | 'idNumber' | 'phone' | 'certificateNumber';

export interface RawOwner {
  name: string;
  kind: string;
  idType: string;
  idNumber: string;
  phone: string;
  certificateNumber: string;
}

/** A unit as written: one CSV row (with at most one owner) or one entry of the JSON `units`. */
export interface RawUnit {
  line: number;
  registryNo: string;
  building: string;
  stair: string;
  room: string;
  area: string;
  areaSource: string;
  kind: string;
  developerHeld: string | boolean;
  owners: RawOwner[];
}

/** How a format names the places it reports errors at. */
export interface SourceNames {
  unitField(unit: RawUnit, key: UnitKey): string;
  ownerField(unit: RawUnit, ownerIndex: number, key: OwnerKey): string;
  /** Where "unit has no owner" is reported. */
  ownersField(unit: RawUnit): string;
  /** How the first of two clashing rows is named: a CSV line, or a JSON unit and owner (row-errors.ts). */
  format: 'csv' | 'json';
  /**
   * CSV writes co-owners as repeated rows of one registry number; in JSON a
   * unit lists its owners, so a repeated registry number is always a mistake.
   */
  repeatedRegistryNo: 'adds-co-owners' | 'is-an-error';
}

/** Where a unit is in the estate. */
interface Place {
  building: string;
  stair: string | null;
  room: string;
}

interface UnitDetails extends Place {
  areaHundredths: number;
  areaSource: AreaSource;
  kind: UnitKind;
  developerHeld: boolean;
}

const DETAIL_KEYS: readonly (readonly [keyof UnitDetails, UnitKey])[] = [
  ['building', 'building'],
  ['stair', 'stair'],
  ['room', 'room'],
  ['areaHundredths', 'area'],
  ['areaSource', 'areaSource'],
  ['kind', 'kind'],
  ['developerHeld', 'developerHeld'],
];

/**
 * Where an owner was written: enough to name the place, which is only spelt
 * out when a message needs it. Not the RawUnit itself, so raw rows can be
 * collected as soon as they are checked.
 */
interface OwnerSite {
  line: number;
  index: number;
}

/** A registry number's unit as gathered so far. */
interface Group {
  line: number;
  /** Null when the first row's own details were invalid (already reported). */
  details: UnitDetails | null;
  owners: ParsedOwner[];
  /** Where each of `owners` was written, same order. */
  sites: OwnerSite[];
}

/** An owner met earlier in the file; owners of other document types with the same number are chained. */
interface KnownOwner {
  idType: IdDocType;
  name: string;
  site: OwnerSite;
  next: KnownOwner | undefined;
}

interface Room {
  registryNo: string;
  line: number;
}

// Nested maps keyed by building, stair, room. A single Map keyed by a
// concatenated string is several times slower on 100,000 units: V8 must
// flatten and hash every freshly built key.
type RoomIndex = Map<string, Map<string, Map<string, Room>>>;

const MAX_REGISTRY_NO = 64;
const MAX_PLACE_NAME = 50;
const MAX_OWNER_NAME = 100;

/**
 * Checks every raw unit, appending one error per problem to `errors` (never
 * stopping at the first), and returns the units that could be built, in
 * order of first appearance with owners in order of appearance.
 */
export function validateUnits(raws: Iterable<RawUnit>, names: SourceNames, errors: RowError[]): ParsedUnit[] {
  const groups = new Map<string, Group>();
  const rooms: RoomIndex = new Map();
  // Keyed by the bare number: document types sharing a number are chained.
  const knownOwners = new Map<string, KnownOwner>();

  for (const raw of raws) {
    const registryNo = readText(raw.registryNo, 'registryNo', MAX_REGISTRY_NO, true);
    if (!registryNo.ok) reportUnit(errors, names, raw, 'registryNo', registryNo);
    const { details, place } = readDetails(raw, names, errors);
    const owners: (ParsedOwner | null)[] = [];
    for (let i = 0; i < raw.owners.length; i++) owners.push(readOwner(raw, i, names, errors));
    if (raw.owners.length === 0) errors.push({ line: raw.line, field: names.ownersField(raw), ...rowFault('unit-without-owner') });
    if (!registryNo.ok) continue;

    let group = groups.get(registryNo.value);
    if (group === undefined) {
      group = { line: raw.line, details, owners: [], sites: [] };
      groups.set(registryNo.value, group);
      // Claimed even when other details are bad, so one upload reports every clash.
      if (place) claimRoom(rooms, registryNo.value, place, raw, names, errors);
    } else if (names.repeatedRegistryNo === 'is-an-error') {
      reportUnit(errors, names, raw, 'registryNo', rowFault('registry-no-repeated', { registryNo: excerpt(registryNo.value), firstLine: group.line, format: names.format }));
      continue;
    } else if (details && group.details) {
      const differing = firstDifference(group.details, details);
      if (differing !== undefined) {
        const fault = rowFault('registry-no-details-differ', { registryNo: excerpt(registryNo.value), firstLine: group.line, format: names.format });
        reportUnit(errors, names, raw, differing, fault);
      }
    }

    for (let i = 0; i < owners.length; i++) {
      const owner = owners[i];
      if (owner) addOwner(group, owner, raw, i, knownOwners, names, errors);
    }
  }

  const units: ParsedUnit[] = [];
  for (const [registryNo, group] of groups) {
    if (group.details === null || group.owners.length === 0) continue;
    const { building, stair, room, areaHundredths, areaSource, kind, developerHeld } = group.details;
    units.push({ line: group.line, registryNo, building, stair, room, areaHundredths, areaSource, kind, developerHeld, owners: group.owners });
  }
  return units;
}

function addOwner(
  group: Group,
  owner: ParsedOwner,
  raw: RawUnit,
  index: number,
  knownOwners: Map<string, KnownOwner>,
  names: SourceNames,
  errors: RowError[],
) {
  const line = raw.line;
  const site: OwnerSite = { line, index };
  for (let i = 0; i < group.owners.length; i++) {
    const other = group.owners[i];
    const otherSite = group.sites[i];
    if (other?.idNumber !== owner.idNumber || other.idType !== owner.idType || otherSite === undefined) continue;
    const fault = rowFault('owner-repeated', { ...described(owner), ...firstAt(otherSite, names) });
    errors.push({ line, field: names.ownerField(raw, index, 'idNumber'), ...fault });
    return;
  }

  const first = knownOwners.get(owner.idNumber);
  let known = first;
  while (known !== undefined && known.idType !== owner.idType) known = known.next;
  if (known === undefined) {
    knownOwners.set(owner.idNumber, { idType: owner.idType, name: owner.name, site, next: first });
  } else if (known.name !== owner.name) {
    // The same person under two names would make two voters out of one.
    const fault = rowFault('owner-two-names', { ...described(owner), name: excerpt(owner.name), otherName: excerpt(known.name), ...firstAt(known.site, names) });
    errors.push({ line, field: names.ownerField(raw, index, 'name'), ...fault });
  }
  group.owners.push(owner);
  group.sites.push(site);
}

/** Identity numbers never appear whole in messages: error lists get pasted into chats. */
function described(owner: ParsedOwner): { idType: IdDocType; idTail: string } {
  return { idType: owner.idType, idTail: idTail(owner.idNumber) };
}

function firstAt(site: OwnerSite, names: SourceNames) {
  return { firstLine: site.line, firstOwner: site.index, format: names.format };
}

function firstDifference(first: UnitDetails, later: UnitDetails): UnitKey | undefined {
  for (const [key, field] of DETAIL_KEYS) if (first[key] !== later[key]) return field;
  return undefined;
}

/** A room listed under two registry numbers would be counted twice in every vote. */
function claimRoom(rooms: RoomIndex, registryNo: string, place: Place, raw: RawUnit, names: SourceNames, errors: RowError[]) {
  let stairs = rooms.get(place.building);
  if (stairs === undefined) rooms.set(place.building, (stairs = new Map<string, Map<string, Room>>()));
  let roomsOfStair = stairs.get(place.stair ?? '');
  if (roomsOfStair === undefined) stairs.set(place.stair ?? '', (roomsOfStair = new Map<string, Room>()));
  const first = roomsOfStair.get(place.room);
  if (first === undefined) {
    roomsOfStair.set(place.room, { registryNo, line: raw.line });
    return;
  }
  const room = [place.building, place.stair, place.room].filter((part) => part !== null).join('/');
  reportUnit(errors, names, raw, 'room', rowFault('room-repeated', { room: excerpt(room), registryNo: excerpt(first.registryNo), firstLine: first.line, format: names.format }));
}

function readDetails(raw: RawUnit, names: SourceNames, errors: RowError[]): { details: UnitDetails | null; place: Place | null } {
  const building = readText(raw.building, 'building', MAX_PLACE_NAME, true);
  const stair = readText(raw.stair, 'stair', MAX_PLACE_NAME, false);
  const room = readText(raw.room, 'room', MAX_PLACE_NAME, true);
  const area = parseAreaHundredths(raw.area);
  const areaSource = readCode(raw.areaSource, AREA_SOURCE_WORDS);
  const kind = readCode(raw.kind, UNIT_KIND_WORDS);
  const developerHeld = readDeveloperHeld(raw.developerHeld);
  // Report every bad field, not just the first.
  if (!building.ok) reportUnit(errors, names, raw, 'building', building);
  if (!stair.ok) reportUnit(errors, names, raw, 'stair', stair);
  if (!room.ok) reportUnit(errors, names, raw, 'room', room);
  if (!area.ok) reportUnit(errors, names, raw, 'area', area);
  if (!areaSource.ok) reportUnit(errors, names, raw, 'areaSource', areaSource);
  if (!kind.ok) reportUnit(errors, names, raw, 'kind', kind);
  if (!developerHeld.ok) reportUnit(errors, names, raw, 'developerHeld', developerHeld);
  if (!building.ok || !stair.ok || !room.ok) return { details: null, place: null };
  const place: Place = { building: building.value, stair: stair.value === '' ? null : stair.value, room: room.value };
  if (!area.ok || !areaSource.ok || !kind.ok || !developerHeld.ok) return { details: null, place };
  // Spelt out rather than spread: an object spread here cost more than all the checks above.
  const details: UnitDetails = {
    building: place.building,
    stair: place.stair,
    room: place.room,
    areaHundredths: area.hundredths,
    areaSource: areaSource.value,
    kind: kind.value,
    developerHeld: developerHeld.value,
  };
  return { details, place };
}

function readOwner(raw: RawUnit, index: number, names: SourceNames, errors: RowError[]): ParsedOwner | null {
  const owner = raw.owners[index];
  if (owner === undefined) return null;
  const name = readText(owner.name, 'ownerName', MAX_OWNER_NAME, true);
  const idType = readCode(owner.idType, ID_DOC_TYPE_WORDS);
  const idNumber: Read<string> | null = idType.ok
    ? normaliseIdNumber(idType.value, owner.idNumber)
    : owner.idNumber.trim() === ''
      ? refused('value-missing', { subject: 'idNumber' })
      : null; // cannot be checked without knowing the document type
  const kind = readOwnerKind(owner.kind, idType.ok ? idType.value : undefined);
  const phone = readPhone(owner.phone);
  const certificate = readCertificateNumber(owner.certificateNumber);
  if (!name.ok) reportOwner(errors, names, raw, index, 'name', name);
  if (!kind.ok) reportOwner(errors, names, raw, index, 'kind', kind);
  if (!idType.ok) reportOwner(errors, names, raw, index, 'idType', idType);
  if (idNumber?.ok === false) reportOwner(errors, names, raw, index, 'idNumber', idNumber);
  if (!phone.ok) reportOwner(errors, names, raw, index, 'phone', phone);
  if (!certificate.ok) reportOwner(errors, names, raw, index, 'certificateNumber', certificate);
  if (!name.ok || !kind.ok || !idType.ok || !idNumber?.ok || !phone.ok || !certificate.ok) return null;
  return { name: name.value, kind: kind.value, idType: idType.value, idNumber: idNumber.value, phone: phone.value, certificateNumber: certificate.value };
}

/** Only the fault's own three fields: a failed read also carries `ok`. */
function reportUnit(errors: RowError[], names: SourceNames, raw: RawUnit, key: UnitKey, { code, params, message }: RowFault) {
  errors.push({ line: raw.line, field: names.unitField(raw, key), code, params, message });
}

function reportOwner(errors: RowError[], names: SourceNames, raw: RawUnit, index: number, key: OwnerKey, { code, params, message }: RowFault) {
  errors.push({ line: raw.line, field: names.ownerField(raw, index, key), code, params, message });
}
