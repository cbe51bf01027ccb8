import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { components } from '../api/schema.ts';
import { useSession } from './session.ts';

type Estate = components['schemas']['Estate'];
type Township = components['schemas']['Township'];
export type Role = 'committee' | 'organiser' | 'township_staff' | 'admin';

/** An estate this person may work on, and the roles that let them (from their grants, GET /v1/me). */
export interface Workplace {
  estate: Estate;
  roles: Role[];
}

/** A township this person supervises (街道工作人员), or every township for an administrator. */
export interface TownshipPlace {
  township: Township;
  roles: Role[];
}

/**
 * The estates the signed-in person may act on, as the service's grants say: committee members
 * and organisers their estates, township staff the estates of their township, an administrator
 * every estate. The console shows these and nothing else; the service still checks each call.
 */
export const useWorkplaces = defineStore('console-workplaces', () => {
  const session = useSession();
  const phone = ref<string>();
  const places = ref<Workplace[]>();
  const townships = ref<TownshipPlace[]>();

  async function load(): Promise<Workplace[]> {
    const me = await session.authorized(() => session.api.GET('/v1/me'));
    phone.value = me.phone;
    const found = new Map<string, Workplace>();
    const add = (estate: Estate, role: Role) => {
      const place = found.get(estate.id) ?? { estate, roles: [] };
      if (!place.roles.includes(role)) place.roles.push(role);
      found.set(estate.id, place);
    };
    const supervises = me.grants.some((grant) => grant.role === 'township_staff' || grant.role === 'admin');
    // The townships the person may see, named (the service filters them to their grants).
    const visibleTownships = supervises ? session.authorized(() => session.api.GET('/v1/townships')).then((found) => found.items) : Promise.resolve([]);
    const townshipEstates = async (townshipId: string) =>
      (await session.authorized(() => session.api.GET('/v1/townships/{townshipId}/estates', { params: { path: { townshipId } } }))).items;
    // Each grant's estates are read at once, not one after another: the first page waits for them.
    const perGrant = await Promise.all(
      me.grants.map(async (grant): Promise<[Estate, Role][]> => {
        if (grant.role === 'committee' || grant.role === 'organiser') {
          return [[await session.authorized(() => session.api.GET('/v1/estates/{estateId}', { params: { path: { estateId: grant.estateId } } })), grant.role]];
        }
        if (grant.role === 'township_staff') return (await townshipEstates(grant.townshipId)).map((estate) => [estate, 'township_staff']);
        if (grant.role === 'admin') {
          return (await Promise.all((await visibleTownships).map((township) => townshipEstates(township.id)))).flat().map((estate) => [estate, 'admin']);
        }
        return [];
      }),
    );
    for (const [estate, role] of perGrant.flat()) add(estate, role);
    const supervised = new Map<string, TownshipPlace>();
    for (const township of await visibleTownships) {
      const roles = me.grants.flatMap((grant): Role[] =>
        grant.role === 'admin' ? ['admin'] : grant.role === 'township_staff' && grant.townshipId === township.id ? ['township_staff'] : [],
      );
      if (roles.length > 0) supervised.set(township.id, { township, roles: [...new Set(roles)] });
    }
    townships.value = [...supervised.values()].sort((a, b) => a.township.name.localeCompare(b.township.name, 'zh-CN'));
    places.value = [...found.values()].sort((a, b) => a.estate.name.localeCompare(b.estate.name, 'zh-CN'));
    return places.value;
  }

  const byId = (estateId: string) => places.value?.find((place) => place.estate.id === estateId);
  const townshipById = (townshipId: string) => townships.value?.find((place) => place.township.id === townshipId);

  function forget(): void {
    places.value = undefined;
    townships.value = undefined;
    phone.value = undefined;
  }

  return { phone, places, townships, loaded: computed(() => places.value !== undefined), load, byId, townshipById, forget };
});
