import { defineArea } from '../area.ts';

/** Words of the vote pages. */
export default defineArea({}, {});
