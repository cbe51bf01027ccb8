import type { Kysely } from 'kysely';
import type { AssuranceLevel, Channel, DB } from '../db/schema.ts';
import { ASSURANCE_LEVELS } from '../identity/assurance.ts';
import { standingBallotsByAssurance } from './assurance-mix-repository.ts';

/**
 * Results say how strongly the votes behind them were verified (issue 14):
 * per motion, how many standing ballots came from each channel and, online,
 * from each level of identity assurance. Paper and proxy ballots are staff's
 * record of a signed paper or proxy form: their level is null. Read from the
 * ballots themselves (immutable once the meeting closed), in the notice, the
 * printable notice, the bundle and the filing the township certifies.
 */
export interface AssuranceMixEntry {
  channel: Channel;
  level: AssuranceLevel | null;
  ballots: number;
}

const CHANNELS: readonly Channel[] = ['online', 'paper', 'proxy'];

/** Channels in their usual order; online levels strongest first. */
function order(a: AssuranceMixEntry, b: AssuranceMixEntry): number {
  const byChannel = CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel);
  if (byChannel !== 0) return byChannel;
  const rank = (l: AssuranceLevel | null) => (l === null ? -1 : ASSURANCE_LEVELS.indexOf(l));
  return rank(b.level) - rank(a.level);
}

export async function assuranceMixOf(db: Kysely<DB>, meetingId: string): Promise<Map<string, AssuranceMixEntry[]>> {
  const rows = await standingBallotsByAssurance(db, meetingId);
  const mix = new Map<string, AssuranceMixEntry[]>();
  for (const r of rows) {
    const entries = mix.get(r.motion_id) ?? [];
    entries.push({ channel: r.channel, level: r.level, ballots: Number(r.ballots) });
    mix.set(r.motion_id, entries);
  }
  for (const entries of mix.values()) entries.sort(order);
  return mix;
}

const CHANNEL_WORDS: Record<Channel, string> = { online: '线上', paper: '纸质', proxy: '委托' };
const LEVEL_WORDS: Record<AssuranceLevel, string> = {
  in_person: '现场核验',
  provider_face: '人脸核身',
  registry_factor: '登记信息核验',
  knowledge: '仅姓名证件号',
};

/** One line for the printable notice: 线上·现场核验 2 票，线上·人脸核身 1 票，纸质 3 票. */
export function assuranceMixText(entries: readonly AssuranceMixEntry[]): string {
  if (entries.length === 0) return '无有效表决票';
  return entries
    .map((e) => `${CHANNEL_WORDS[e.channel]}${e.level === null ? '' : `·${LEVEL_WORDS[e.level]}`} ${e.ballots} 票`)
    .join('，');
}
