import shell from './areas/shell.ts';
import registry from './areas/registry.ts';
import settings from './areas/settings.ts';
import meetings from './areas/meetings.ts';
import cockpit from './areas/cockpit.ts';
import canvass from './areas/canvass.ts';
import paper from './areas/paper.ts';
import results from './areas/results.ts';
import petitions from './areas/petitions.ts';
import township from './areas/township.ts';
import objections from './areas/objections.ts';
import emergency from './areas/emergency.ts';
import people from './areas/people.ts';

/** English. One area per file (areas/); each page's words under its area's key. */
export default {
  shell: shell.en,
  registry: registry.en,
  settings: settings.en,
  meetings: meetings.en,
  cockpit: cockpit.en,
  canvass: canvass.en,
  paper: paper.en,
  results: results.en,
  petitions: petitions.en,
  township: township.en,
  objections: objections.en,
  emergency: emergency.en,
  people: people.en,
};
