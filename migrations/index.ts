import type { Migration } from 'kysely';
import * as m0001 from './0001_places.ts';
import * as m0002 from './0002_registry_identity.ts';
import * as m0003 from './0003_voting.ts';
import * as m0004 from './0004_jobs.ts';
import * as m0005 from './0005_results.ts';
import * as m0006 from './0006_import_speed.ts';
import * as m0007 from './0007_vote_speed.ts';
import * as m0008 from './0008_ballot_batches.ts';
import * as m0009 from './0009_paper_signatory.ts';
import * as m0010 from './0010_live_sessions.ts';
import * as m0011 from './0011_identity_hardening.ts';
import * as m0012 from './0012_tally_discrepancies.ts';
import * as m0013 from './0013_ballot_rules.ts';
import * as m0014 from './0014_messages.ts';
import * as m0015 from './0015_identity_assurance.ts';
import * as m0016 from './0016_ballot_confirmations.ts';
import * as m0017 from './0017_attachments.ts';
import * as m0018 from './0018_canvass.ts';
import * as m0019 from './0019_paper_double_entry.ts';
import * as m0020 from './0020_anomaly_flags.ts';
import * as m0021 from './0021_objections.ts';
import * as m0022 from './0022_emergency_uses.ts';
import * as m0023 from './0023_notice_days_statute.ts';
import * as m0024 from './0024_electorate_unit_lines.ts';
import * as m0025 from './0025_proxy_endings.ts';
import * as m0026 from './0026_inbox_indexes.ts';

/**
 * Every migration, in order. Listed here rather than found on disk so that the
 * same set runs under tsx, vitest and any bundler; a test checks that every
 * file in this folder is listed.
 */
export const migrations: Record<string, Migration> = {
  '0001_places': m0001,
  '0002_registry_identity': m0002,
  '0003_voting': m0003,
  '0004_jobs': m0004,
  '0005_results': m0005,
  '0006_import_speed': m0006,
  '0007_vote_speed': m0007,
  '0008_ballot_batches': m0008,
  '0009_paper_signatory': m0009,
  '0010_live_sessions': m0010,
  '0011_identity_hardening': m0011,
  '0012_tally_discrepancies': m0012,
  '0013_ballot_rules': m0013,
  '0014_messages': m0014,
  '0015_identity_assurance': m0015,
  '0016_ballot_confirmations': m0016,
  '0017_attachments': m0017,
  '0018_canvass': m0018,
  '0019_paper_double_entry': m0019,
  '0020_anomaly_flags': m0020,
  '0021_objections': m0021,
  '0022_emergency_uses': m0022,
  '0023_notice_days_statute': m0023,
  '0024_electorate_unit_lines': m0024,
  '0025_proxy_endings': m0025,
  '0026_inbox_indexes': m0026,
};
