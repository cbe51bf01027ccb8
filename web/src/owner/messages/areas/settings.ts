import { defineArea } from '../area.ts';

/** Words of the settings pages. */
export default defineArea({}, {});
