import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import App from './App.vue';
import { earlyAnswers } from './early.ts';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import { useSession } from './session.ts';
import './theme.css';

document.documentElement.lang = i18n.global.locale.value;
const pinia = createPinia();
const app = createApp(App).use(pinia).use(i18n);
// The page's first reads the console's first script already sent (boot.ts) are answered by what it got.
useSession(pinia).api.use(earlyAnswers);
app.use(router).mount('#app');
