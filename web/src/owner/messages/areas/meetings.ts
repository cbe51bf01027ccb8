import { defineArea } from '../area.ts';

/** Words of the meetings pages. */
export default defineArea({}, {});
