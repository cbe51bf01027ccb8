import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useWorkplaces } from './workplaces.ts';

/**
 * The township areas of the left navigation, in order (../shared/ui.md: 辖区小区, 备案审核,
 * 异常提示; then 紧急维修 and 询异, added by their own pages). An area is shown once the router
 * has its path as a child of /townships/:townshipId — adding the route adds the link; its words
 * are `township.nav.<key>`.
 */
export const TOWNSHIP_AREAS = [
  { key: 'estates', path: 'estates' },
  { key: 'filings', path: 'filings' },
  { key: 'anomalies', path: 'anomalies' },
  { key: 'emergency', path: 'emergency' },
  { key: 'objections', path: 'objections' },
] as const;

/** The township of the page (the path's townshipId), whether this person supervises it, and the areas it has. */
export function useTownshipContext() {
  const route = useRoute();
  const router = useRouter();
  const workplaces = useWorkplaces();
  const townshipId = computed(() => String(route.params.townshipId ?? ''));
  const place = computed(() => workplaces.townshipById(townshipId.value));
  const paths = new Set(router.getRoutes().map((r) => r.path));
  const areas = TOWNSHIP_AREAS.filter((area) => paths.has(`/townships/:townshipId/${area.path}`));
  return { townshipId, place, township: computed(() => place.value?.township), areas };
}
