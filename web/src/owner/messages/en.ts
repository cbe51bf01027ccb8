import type zhCN from './zh-CN.ts';

/** English: the same keys as zh-CN.ts (the type makes a missing key a compile error). */
const en: typeof zhCN = {
  app: { name: 'Gongjue', tagline: "Owners' assembly voting" },
  language: { switchTo: '中文', label: 'Change language' },
  notFound: { title: 'Page not found', body: 'The link may be incomplete. Go back to the home page.', home: 'Home page' },
};
export default en;
