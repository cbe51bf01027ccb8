import { ProblemError } from '../problems.ts';
import { certificateKey } from './certificate.ts';
import { identityKey } from './identity-key.ts';
import { idTail } from './id-number.ts';
import { parseRegistryCsv } from './parse-csv.ts';
import { parseRegistryJson } from './parse-json.ts';
import type { ParsedUnit, ParseResult, RegistryUnit } from './types.ts';

/**
 * The first step of an import: an uploaded file, checked whole (any error
 * imports nothing), its identity numbers replaced by their keyed HMAC. Pure
 * CPU, run before a transaction is opened: parsing 100,000 units takes
 * seconds that no connection should wait through.
 */

export type RegistryFormat = 'csv' | 'json';

/**
 * Reads a request body as a registry file: a string is CSV (the text/csv
 * parser gives one), an object JSON (Fastify's JSON parser gave it). Throws a
 * 415 problem for anything else, a 422 listing every bad row.
 */
export function readRegistryFile(body: unknown, hmacKey: Buffer): { format: RegistryFormat; units: RegistryUnit[] } {
  let format: RegistryFormat;
  let result: ParseResult;
  if (typeof body === 'string') {
    format = 'csv';
    result = parseRegistryCsv(body);
  } else if (typeof body === 'object' && body !== null) {
    format = 'json';
    result = parseRegistryJson(body);
  } else {
    throw new ProblemError('unsupported-media-type', 'Send the registry as text/csv or application/json');
  }
  if (!result.ok) {
    throw new ProblemError('invalid-file', `${result.errors.length} error(s) in the file; nothing was imported`, {
      errors: result.errors.map((e) => ({
        line: e.line,
        ...(e.field === undefined ? {} : { field: e.field }),
        code: e.code,
        params: e.params,
        message: e.message,
      })),
    });
  }
  return { format, units: toRegistryUnits(result.units, hmacKey) };
}

/** Replaces identity and certificate numbers by their keyed HMAC: from here on, no plain number exists. */
function toRegistryUnits(units: ParsedUnit[], hmacKey: Buffer): RegistryUnit[] {
  return units.map((u) => ({
    registryNo: u.registryNo,
    building: u.building,
    stair: u.stair,
    room: u.room,
    areaHundredths: u.areaHundredths,
    areaSource: u.areaSource,
    kind: u.kind,
    developerHeld: u.developerHeld,
    owners: u.owners.map((o) => ({
      idKey: identityKey(hmacKey, o.idType, o.idNumber),
      name: o.name,
      kind: o.kind,
      idType: o.idType,
      idTail: idTail(o.idNumber),
      phone: o.phone,
      certificateKey: o.certificateNumber === null ? null : certificateKey(hmacKey, o.certificateNumber),
    })),
  }));
}
