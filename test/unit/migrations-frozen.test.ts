import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A migration that has landed is never edited (issue 13): a database that
 * ran it keeps what it did, so a change of schema is a new migration. Each
 * landed migration is pinned here by the SHA-256 of its text; a migration
 * lands by adding its line. Changing a line here is changing history: it
 * needs the reason in the commit, and the review will ask.
 */
const LANDED: Readonly<Record<string, string>> = {
  '0001_places.ts': 'dd66681ae24ef32adc7df2c6d97fbf35cba967aaa2434953e4cba6a4883a0cb2',
  '0002_registry_identity.ts': '16a4f9b1a8586d80edd3e0ce70d967f87a90b683c2f8fb849f9609ef87489f94',
  '0003_voting.ts': '194cd05f83b3bafbba05699696b6d2dfda535649223fc500dcdc8398e3815fa2',
  '0004_jobs.ts': '883d62eedfd57cbdfe3e5dc608a3d6c9c686809c85aae48b22cd3171f835413d',
  '0005_results.ts': '27c1993c456d21aed4f5758bcc9513fb53b04568bf398692137448bac6584a07',
  '0006_import_speed.ts': '87b1c5c775189e13961db1ea2b779f20deaad3e55fbe72be324ede3d4a232183',
  '0007_vote_speed.ts': '44635d26992b3ae0646debaf20491790b18ba87f842f295a2a9b5eccca58738a',
  '0008_ballot_batches.ts': 'cd1dae246c9babe8cc67adcce779724c0ae4e71c7e8d799202992b0b97b4f159',
  '0009_paper_signatory.ts': 'e9c008f835c3e10205c083b743ca23318129955f8ed9e4dc90d0bc97fcbb1848',
  '0010_live_sessions.ts': 'be16da9687ebb98ebc6dc4cbfb86d069d8404d614dd5a3641645d3bc37f00445',
  '0011_identity_hardening.ts': '8491024d8fa94b49bf83c667bf81400d55b998a89e20c858de6fa4b9c784c670',
  '0012_tally_discrepancies.ts': 'e78989b8315d1b5923bfe87a04c06afc6ba43d08e00a416821fbe49a245975d8',
  '0013_ballot_rules.ts': '2c915c5cd0fcb6a1b5adab6e18416d4e6e803aed41ef3878501cd980d6f41571',
  '0014_messages.ts': '082b64b81a4979cbb01e8ad99233082f2cf4f953880ba7d0317d640fe2a1babf',
  '0015_identity_assurance.ts': 'a45f1b4648d7c7e5454abf9da4f6069b5973c796730578cc88ade7dda56ee129',
  '0016_ballot_confirmations.ts': '7d24505817286505bcb0901d24276278de5127afa3ea00845dd0f90b6a136484',
  '0017_attachments.ts': 'ead31cc6d12d95c85ebc48ff07008f1e815d034204fd4369cd8a19529fb74f2f',
  '0018_canvass.ts': 'ae3589f4951a9333ed73d127207bb96fc51769df87d73bdd8d1675ae303f239f',
  '0019_paper_double_entry.ts': 'e2690c40a22d5b70c98030b4c415dd2c8fc8e9651363619a5eea4ee1153ddf8c',
  '0020_anomaly_flags.ts': 'c912de3053758fb466b2d3d92a0e3e16a8903a4281437dab61b59e21f0f69e8a',
  '0021_objections.ts': 'a0de185772b536d9d1e473fae97044e1fe396e3031df8beda302c2006dfa0379',
  '0022_emergency_uses.ts': 'b5019571de9546e6e1a86ca02478f96ff874a8bc4b60a37c5d93a7f3d6a3594a',
  '0023_notice_days_statute.ts': 'f48db391760f332739177c15a4d234809c049568b7610fef170f859955e0ca09',
  '0024_electorate_unit_lines.ts': '39cef4271490317eefaa705cb8e9e8c788f56f83df68ded5e76ad62543159114',
  '0025_proxy_endings.ts': '0a2c4082549b88dba8e8dbaa07784e1d10b330d4fec926a6502ff358e796f5ad',
  '0026_inbox_indexes.ts': '6a55a2372ae077becbfaaaeef433af33c3a9e226c2a1c6cbb7fee09ab8642244',
};

const MIGRATIONS = resolve(import.meta.dirname, '../../migrations');
const digestOf = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('landed migrations', () => {
  it('are unchanged since they landed', () => {
    const changed = Object.entries(LANDED).filter(([name, digest]) => digestOf(readFileSync(join(MIGRATIONS, name))) !== digest);
    expect(changed.map(([name]) => `${name} was edited after it landed: change the schema with a new migration`)).toEqual([]);
  });

  it('are all pinned: a new migration lands with its line here', () => {
    const files = readdirSync(MIGRATIONS).filter((name) => /^\d{4}_.*\.ts$/.test(name));
    const unpinned = files.filter((name) => !(name in LANDED));
    expect(unpinned.map((name) => `${name}: add '${name}': '${digestOf(readFileSync(join(MIGRATIONS, name)))}' to LANDED`)).toEqual([]);
  });

  it('the check sees an edit (one character more changes the digest)', () => {
    const text = readFileSync(join(MIGRATIONS, '0001_places.ts'), 'utf8');
    expect(digestOf(text)).toBe(LANDED['0001_places.ts']);
    expect(digestOf(`${text} `)).not.toBe(LANDED['0001_places.ts']);
  });
});
