import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { useWorkplaces } from './workplaces.ts';

/** The estate of the page (the path's estateId) and the signed-in person's roles there. */
export function useEstateContext() {
  const route = useRoute();
  const workplaces = useWorkplaces();
  const estateId = computed(() => String(route.params.estateId ?? ''));
  const meetingId = computed(() => (route.params.meetingId ? String(route.params.meetingId) : undefined));
  const place = computed(() => workplaces.byId(estateId.value));
  return { estateId, meetingId, place, estate: computed(() => place.value?.estate), roles: computed(() => place.value?.roles ?? []) };
}
