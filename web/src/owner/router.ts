import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './session.ts';

/**
 * The owner app's own paths. The service answers each of them (and any other path outside
 * /v1, /docs, /admin…) with index.html, so a link in an SMS opens the right page directly;
 * a page that needs a session asks for a code only when there is none (the refresh cookie).
 */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { signedIn: true } },
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach(async (to) => {
  if (to.meta.signedIn !== true) return true;
  const session = useSession();
  if (session.signedIn) return true;
  let restored = false;
  try {
    restored = await session.restore();
  } catch {
    // The network or the service failed: the login page says so when the owner tries.
  }
  return restored ? true : { name: 'login', query: { next: to.fullPath } };
});
