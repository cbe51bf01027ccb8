import { defineArea } from '../area.ts';

/** Words of the results pages. */
export default defineArea({}, {});
