import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import MeetingPage from './pages/MeetingPage.vue';
import { useSession } from './session.ts';

/**
 * The owner app's own paths. The service answers each of them (and any other path outside
 * /v1, /docs, /admin…) with index.html, so a link in an SMS opens the right page directly;
 * a page that needs a session asks for a code only when there is none (the refresh cookie).
 */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { signedIn: true } },
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  { path: '/verify', name: 'verify', component: () => import('./pages/VerifyPage.vue'), meta: { signedIn: true } },
  { path: '/verify/face', name: 'face-return', component: () => import('./pages/FaceReturnPage.vue'), meta: { signedIn: true } },
  { path: '/homes', name: 'homes', component: () => import('./pages/HomesPage.vue'), meta: { signedIn: true } },
  { path: '/messages', name: 'messages', component: () => import('./pages/MessagesPage.vue'), meta: { signedIn: true } },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
  // The SMS links (notifications) are /meetings/<id>: the meeting page leads on to voting or to the results.
  // It comes with the app's first script, not as a page of its own: on a phone's slow network each further file
  // waits its round trip, and only six requests go to the service at once (HTTP/1.1).
  { path: '/meetings/:meetingId', name: 'meeting', component: MeetingPage, meta: { signedIn: true } },
  { path: '/meetings/:meetingId/review', name: 'review', component: () => import('./pages/ReviewPage.vue'), meta: { signedIn: true } },
  { path: '/meetings/:meetingId/receipt', name: 'receipt', component: () => import('./pages/ReceiptPage.vue'), meta: { signedIn: true } },
  { path: '/meetings/:meetingId/results', name: 'results', component: () => import('./pages/ResultsPage.vue'), meta: { signedIn: true } },
  { path: '/meetings/:meetingId/objection', name: 'objection', component: () => import('./pages/ObjectionPage.vue'), meta: { signedIn: true } },
  // Written proxies (issue 16): those this account holds and votes under, and those its owners gave.
  { path: '/proxies', name: 'proxies', component: () => import('./pages/ProxiesPage.vue'), meta: { signedIn: true } },
  { path: '/proxies/:proxyId', name: 'proxy-vote', component: () => import('./pages/ProxyVotePage.vue'), meta: { signedIn: true } },
  { path: '/fund', name: 'fund', component: () => import('./pages/FundPage.vue'), meta: { signedIn: true } },
  // The public check of a printed result notice (its QR code): no login (issue 17).
  { path: '/check/:meetingId', name: 'check', component: () => import('./pages/CheckPage.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

/**
 * Starts loading the page's code now, while the session is restored, rather than after it
 * (the router loads a lazy page once its guards have passed): on a phone's slow network an SMS
 * link then waits one round trip less. The router's own load later gets the same module.
 */
function loadPageEarly(to: RouteLocationNormalized) {
  for (const record of to.matched) {
    const page = record.components?.default;
    if (typeof page === 'function' && !('displayName' in page)) (page as () => Promise<unknown>)().catch(() => undefined);
  }
}

router.beforeEach(async (to) => {
  if (to.meta.signedIn !== true) return true;
  const session = useSession();
  if (session.signedIn) return true;
  loadPageEarly(to);
  let restored = false;
  try {
    restored = await session.restore();
  } catch {
    // The network or the service failed: the login page says so when the owner tries.
  }
  return restored ? true : { name: 'login', query: { next: to.fullPath } };
});
