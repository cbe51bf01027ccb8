import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import './theme.css';

document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
