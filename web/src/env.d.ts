/// <reference types="vite/client" />

// For tools that read .ts without Vue's language service (ESLint's type-aware rules):
// vue-tsc resolves each .vue file itself and type-checks it.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
