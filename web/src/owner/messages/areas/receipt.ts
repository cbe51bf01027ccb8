import { defineArea } from '../area.ts';

/** Words of the receipt pages. */
export default defineArea({}, {});
