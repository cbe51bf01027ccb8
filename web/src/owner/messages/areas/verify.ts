import { defineArea } from '../area.ts';

/** Words of the verify pages. */
export default defineArea({}, {});
