import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import { useSession } from './session.ts';

/**
 * The console's paths, under /console/ (the service answers each with the console's index.html).
 * Work is per estate (/estates/<id>/…, the left navigation); the pages of one meeting take the
 * meeting as the last part of their path and offer a choice of meeting without it.
 */
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  { path: '/', name: 'places', component: () => import('./pages/PlacesPage.vue'), meta: { signedIn: true } },
  {
    path: '/estates/:estateId',
    component: () => import('./layout/EstateLayout.vue'),
    meta: { signedIn: true },
    children: [
      { path: '', name: 'estate', redirect: (to) => ({ name: 'meetings', params: to.params }) },
      { path: 'registry', name: 'registry', component: () => import('./pages/registry/RegistryPage.vue') },
      { path: 'settings', name: 'settings', component: () => import('./pages/settings/SettingsPage.vue') },
      { path: 'people', name: 'people', component: () => import('./pages/people/PeoplePage.vue') },
      { path: 'meetings', name: 'meetings', component: () => import('./pages/meetings/MeetingsPage.vue') },
      { path: 'meetings/new', name: 'meeting-new', component: () => import('./pages/meetings/MeetingNewPage.vue') },
      { path: 'meetings/:meetingId', name: 'meeting', component: () => import('./pages/meetings/MeetingPage.vue') },
      { path: 'meetings/:meetingId/preview', name: 'meeting-preview', component: () => import('./pages/meetings/MeetingPreviewPage.vue') },
      { path: 'meetings/:meetingId/print', name: 'meeting-print', component: () => import('./pages/meetings/NoticePrintPage.vue') },
      { path: 'cockpit/:meetingId?', name: 'cockpit', component: () => import('./pages/cockpit/CockpitPage.vue') },
      { path: 'canvass/:meetingId?', name: 'canvass', component: () => import('./pages/canvass/CanvassPage.vue') },
      { path: 'canvass/:meetingId/print', name: 'canvass-print', component: () => import('./pages/canvass/WalkingListPage.vue') },
      { path: 'paper/:meetingId?', name: 'paper', component: () => import('./pages/paper/PaperPage.vue') },
      { path: 'results/:meetingId?', name: 'results', component: () => import('./pages/results/ResultsPage.vue') },
      { path: 'petitions', name: 'petitions', component: () => import('./pages/petitions/PetitionsPage.vue') },
      { path: 'emergency', name: 'emergency', component: () => import('./pages/emergency/EmergencyPage.vue') },
    ],
  },
  {
    // Township staff (街道) and administrators: their township's estates, the filing queue, anomalies.
    // Other areas join as children here (紧急维修 `emergency`, 询异 `objections`): the left navigation
    // (TownshipLayout.vue, township-areas.ts) shows an area once its path is a child of this route.
    path: '/townships/:townshipId',
    component: () => import('./layout/TownshipLayout.vue'),
    meta: { signedIn: true },
    children: [
      { path: '', name: 'township', redirect: (to) => ({ name: 'township-estates', params: to.params }) },
      { path: 'estates', name: 'township-estates', component: () => import('./pages/township/EstatesOverviewPage.vue') },
      { path: 'filings', name: 'township-filings', component: () => import('./pages/township/FilingsPage.vue') },
      { path: 'filings/:meetingId', name: 'township-filing', component: () => import('./pages/township/FilingPage.vue') },
      { path: 'anomalies', name: 'township-anomalies', component: () => import('./pages/township/AnomaliesPage.vue') },
      { path: 'emergency', name: 'township-emergency', component: () => import('./pages/township/EmergencyUsesPage.vue') },
      { path: 'objections', name: 'township-objections', component: () => import('./pages/township/ObjectionsPage.vue') },
    ],
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory('/console/'), routes });

/**
 * The page's code (the estate layout and the page itself) asked for while the session is restored:
 * the router would otherwise load it only after its guards, a round trip and the chunks' download
 * later on the first page of a visit (an organiser's bookmark of the cockpit, a reload).
 */
function loadPageEarly(to: RouteLocationNormalized) {
  for (const record of to.matched) {
    const page = record.components?.default;
    if (typeof page === 'function' && !('displayName' in page)) (page as () => Promise<unknown>)().catch(() => undefined);
  }
}

router.beforeEach(async (to) => {
  if (!to.matched.some((record) => record.meta.signedIn === true)) return true;
  const session = useSession();
  if (session.signedIn) return true;
  loadPageEarly(to);
  let restored = false;
  try {
    restored = await session.restore();
  } catch {
    // The network or the service failed: the login page says so when they try.
  }
  return restored ? true : { name: 'login', query: { next: to.fullPath } };
});
