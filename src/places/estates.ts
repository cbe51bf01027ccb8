import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Estate } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { type EstateSettings, settingsFromRequest, settingsOfEstate } from './estate-settings.ts';
import { estatesOfTownship, insertEstate, storeEstateSettings } from './estates-repository.ts';

/** Estates (物业管理区域 / 小区): registering them and their settings. Their SQL is in estates-repository.ts. */

export interface EstateView {
  id: string;
  townshipId: string;
  name: string;
  address: string | null;
  timeZone: string;
  settings: EstateSettings;
  registryVersion: number;
  createdAt: string;
}

export const estateView = (e: Estate): EstateView => ({
  id: e.id,
  townshipId: e.township_id,
  name: e.name,
  address: e.address,
  timeZone: e.time_zone,
  settings: settingsOfEstate(e).settings,
  registryVersion: e.registry_version,
  createdAt: e.created_at.toISOString(),
});

/** Registers an estate in a township, with its audit record. */
export async function createEstate(
  trx: Transaction<DB>,
  input: { townshipId: string; name: string; address?: string | undefined; timeZone?: string | undefined; settings?: unknown; actor: string; now: Date },
): Promise<EstateView> {
  const settings = settingsFromRequest(input.settings ?? {});
  const row = await insertEstate(trx, {
    townshipId: input.townshipId,
    name: input.name,
    address: input.address ?? null,
    timeZone: input.timeZone ?? 'Asia/Shanghai',
    settings,
  });
  if (!row) throw new ProblemError('conflict', `The township already has an estate named ${input.name}`);
  const created = estateView(row);
  await appendAudit(trx, {
    chain: estateChain(created.id),
    actor: input.actor,
    action: 'estate.created',
    subject: `estate:${created.id}`,
    data: { name: created.name, townshipId: input.townshipId, settings: created.settings },
  }, input.now);
  return created;
}

export async function listEstates(db: Kysely<DB>, townshipId: string): Promise<EstateView[]> {
  return (await estatesOfTownship(db, townshipId)).map(estateView);
}

/** Replaces an estate's settings (overrides only stricter than the statute), with its audit record. */
export async function updateEstateSettings(trx: Transaction<DB>, input: { estateId: string; settings: unknown; actor: string; now: Date }): Promise<EstateView> {
  const updated = estateView(await storeEstateSettings(trx, input.estateId, settingsFromRequest(input.settings)));
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'estate.settings_replaced',
    subject: `estate:${input.estateId}`,
    data: { settings: updated.settings },
  }, input.now);
  return updated;
}
