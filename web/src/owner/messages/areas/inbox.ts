import { defineArea } from '../area.ts';

/** Words of the inbox pages. */
export default defineArea({}, {});
