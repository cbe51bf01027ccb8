export { type Area, defineArea } from '../../shared/area.ts';
