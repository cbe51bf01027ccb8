import { defineArea } from '../../../shared/area.ts';

/** The words of the console's cockpit pages. */
export default defineArea({ placeholder: '这一部分正在建设中。' }, { placeholder: 'This part is being built.' });
