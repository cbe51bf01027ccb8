import { defineArea } from '../../../shared/area.ts';

/** The words of the township staff's pages (issue 17). */
export default defineArea({ placeholder: '这一部分正在建设中。' }, { placeholder: 'This part is being built.' });
