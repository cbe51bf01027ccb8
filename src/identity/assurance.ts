import type { AssuranceLevel } from '../db/schema.ts';

/**
 * Identity assurance (issue 14): how strongly a binding of an account to a
 * registry owner was established, weakest first. The same order is written
 * in cast_ballots (src/voting/sql/ballot-functions.ts), which compares a
 * binding's level with the meeting's minimum.
 *
 * - knowledge: name and identity number only — which the property company
 *   and the developer often hold copies of;
 * - registry_factor: plus a second factor from the registry: the login phone
 *   is the owner's phone on record, or the owner gave the property
 *   certificate number (不动产权证书号) on record;
 * - provider_face: a face-verification provider matched the person to the
 *   identity number;
 * - in_person: staff or committee saw the documents.
 */
export const ASSURANCE_LEVELS = ['knowledge', 'registry_factor', 'provider_face', 'in_person'] as const satisfies readonly AssuranceLevel[];

export type { AssuranceLevel };

export type RegistryFactor = 'phone' | 'property_certificate';

export const assuranceRank = (level: AssuranceLevel): number => ASSURANCE_LEVELS.indexOf(level);

/** Whether `level` is at least `minimum`. */
export const reaches = (level: AssuranceLevel, minimum: AssuranceLevel): boolean => assuranceRank(level) >= assuranceRank(minimum);

/** The level a self-verification reaches with this factor (none: knowledge alone). */
export const selfLevel = (factor: RegistryFactor | null): 'knowledge' | 'registry_factor' => (factor === null ? 'knowledge' : 'registry_factor');

/**
 * How a level reads to an owner — in the owner app (what their verification was made with) and in
 * messages (Chinese, as the SMS is): the API gives these words, so the app holds no list of its own.
 */
export const LEVEL_TITLES: Record<AssuranceLevel, { zh: string; en: string }> = {
  knowledge: { zh: '姓名和证件号码', en: 'Name and identity number' },
  registry_factor: { zh: '姓名、证件号码和登记信息', en: 'Name, identity number and registry details' },
  provider_face: { zh: '人脸核身', en: 'Face check' },
  in_person: { zh: '现场核验', en: 'In person' },
};

/** How a level reads in a message to an owner (Chinese, as the SMS is). */
export const LEVEL_WORDS: Record<AssuranceLevel, string> = {
  knowledge: LEVEL_TITLES.knowledge.zh,
  registry_factor: LEVEL_TITLES.registry_factor.zh,
  provider_face: LEVEL_TITLES.provider_face.zh,
  in_person: LEVEL_TITLES.in_person.zh,
};
