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

/** 中文（默认）。Words follow ../shared/ui.md: the statute's terms, plain sentences, what to do next. One area per file (areas/); each page's words under its area's key. */
export default {
  shell: shell.zh,
  registry: registry.zh,
  settings: settings.zh,
  meetings: meetings.zh,
  cockpit: cockpit.zh,
  canvass: canvass.zh,
  paper: paper.zh,
  results: results.zh,
  petitions: petitions.zh,
  township: township.zh,
  objections: objections.zh,
  emergency: emergency.zh,
  people: people.zh,
};
