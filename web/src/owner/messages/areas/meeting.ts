import { defineArea } from '../area.ts';

/** Words of the meeting pages. */
export default defineArea({}, {});
