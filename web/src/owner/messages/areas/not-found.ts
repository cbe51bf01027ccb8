import { defineArea } from '../area.ts';

/** Words of the page for a path the app does not have. */
export default defineArea(
  { title: '没有找到这个页面', body: '链接可能不完整。请回到首页。', home: '回到首页' },
  { title: 'Page not found', body: 'The link may be incomplete. Go back to the home page.', home: 'Home page' },
);
