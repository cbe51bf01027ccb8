import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

/**
 * The owner app's own paths. The service answers each of them (and any other path outside
 * /v1, /docs, /admin…) with index.html, so a link in an SMS opens the right page directly.
 */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { signedIn: true } },
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory('/'), routes });
