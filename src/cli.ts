// The `gongjue` command line (bin/gongjue.js runs it through tsx).
// Each subcommand is an entry in COMMANDS; to add one (verify, migrate,
// token, …), add an entry with its usage line and a run function.
//
// Exit codes: 0 success; 1 usage or I/O error; 2 the input is invalid
// (the messages name the offending unit or ballot); 3 a bundle does not
// verify (the messages say what differs).

import { readFile } from 'node:fs/promises';
import {
  parseTallyRecord,
  renderReport,
  tallyRecord,
  tallyRecordJsonSchema,
  TallyInputError,
} from './tally/index.ts';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_INVALID = 2;
export const EXIT_MISMATCH = 3;

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly run: (args: readonly string[], io: Io) => Promise<number>;
}

class UsageError extends Error {}

/** Splits arguments into flags (--json) and positionals, refusing flags the command does not know. */
function parseArgs(args: readonly string[], known: readonly string[]): { flags: Set<string>; positionals: string[] } {
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('--')) {
      if (!known.includes(arg)) throw new UsageError(`unknown option ${arg}`);
      flags.add(arg);
    } else {
      positionals.push(arg);
    }
  }
  return { flags, positionals };
}

async function tally(args: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['--json']);
  if (positionals.length !== 1) throw new UsageError('tally needs exactly one RECORD.json');
  const path = positionals[0]!;
  const read = await readJson('tally', path, io);
  if ('exit' in read) return read.exit;
  try {
    const report = tallyRecord(parseTallyRecord(read.json));
    io.out(flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error;
    io.err(`gongjue tally: ${path} is not a valid tally record:\n`);
    for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}\n`);
    if (error.omitted > 0) io.err(`  … and ${error.omitted} more\n`);
    return EXIT_INVALID;
  }
}

/** Reads and parses a JSON file, reporting failures the way every command does. */
async function readJson(command: string, path: string, io: Io): Promise<{ json: unknown } | { exit: number }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    io.err(`gongjue ${command}: cannot read ${path}: ${(error as Error).message}\n`);
    return { exit: EXIT_USAGE };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    io.err(`gongjue ${command}: ${path} is not JSON: ${(error as Error).message}\n`);
    return { exit: EXIT_INVALID };
  }
}

/**
 * `gongjue verify BUNDLE.json [--public-key KEY.pem]`: checks an export
 * bundle without the server (docs/bundle.md). Loaded lazily, like admin.
 */
async function verify(args: readonly string[], io: Io): Promise<number> {
  const positionals: string[] = [];
  let keyPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--public-key') {
      keyPath = args[++i];
      if (keyPath === undefined) throw new UsageError('--public-key needs a PEM file');
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one BUNDLE.json');
  const read = await readJson('verify', positionals[0]!, io);
  if ('exit' in read) return read.exit;
  let publicKey: string | undefined;
  if (keyPath !== undefined) {
    try {
      publicKey = await io.readFile(keyPath);
    } catch (error) {
      io.err(`gongjue verify: cannot read ${keyPath}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  const { verifyBundle } = await import('./results/verify.ts');
  const { problems, notes } = verifyBundle(read.json, publicKey === undefined ? {} : { publicKey });
  for (const note of notes) io.out(`  ${note}\n`);
  if (problems.length === 0) {
    io.out('OK: the bundle verifies\n');
    return EXIT_OK;
  }
  io.err(`gongjue verify: the bundle does NOT verify (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  for (const problem of problems) io.err(`  ${problem}\n`);
  return problems.some((p) => p.startsWith('not a gongjue result bundle')) ? EXIT_INVALID : EXIT_MISMATCH;
}

async function schema(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = parseArgs(args, []);
  if (positionals.length > 1 || (positionals[0] ?? 'tally-record') !== 'tally-record') {
    throw new UsageError('schema knows one format: tally-record');
  }
  io.out(`${JSON.stringify(tallyRecordJsonSchema(), null, 2)}\n`);
  return EXIT_OK;
}

/**
 * `gongjue admin grant PHONE`: appoint an admin on the configured database (the
 * environment as for `npm start`). The first admin of an installation can be
 * appointed no other way. While a service holds the embedded database of this
 * data directory, the running service is asked (src/identity/bootstrap.ts).
 * Loaded lazily: the tally commands need no database.
 */
async function admin(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = parseArgs(args, []);
  if (positionals.length !== 2 || positionals[0] !== 'grant') throw new UsageError('admin needs: grant PHONE');
  const [{ ConfigError, loadConfig }, { grantAdmin }] = await Promise.all([import('./config.ts'), import('./identity/bootstrap.ts')]);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) io.err(`gongjue admin: configuration error: ${problem}\n`);
    return EXIT_USAGE;
  }
  try {
    const { accountId, created } = await grantAdmin(config, positionals[1]!);
    io.out(created ? `admin appointed: account ${accountId}\n` : `already an admin: account ${accountId}\n`);
    return EXIT_OK;
  } catch (error) {
    io.err(`gongjue admin: ${(error as Error).message}\n`);
    return EXIT_INVALID;
  }
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  tally: {
    usage: 'gongjue tally RECORD.json [--json]',
    summary: 'count a tally record and print the result (a table, or JSON with --json)',
    run: tally,
  },
  schema: {
    usage: 'gongjue schema [tally-record]',
    summary: 'print the JSON Schema of the tally record format',
    run: schema,
  },
  verify: {
    usage: 'gongjue verify BUNDLE.json [--public-key KEY.pem]',
    summary: 'check an exported result bundle: audit chain, seals, a recount of every motion, the certification signature',
    run: verify,
  },
  admin: {
    usage: 'gongjue admin grant PHONE',
    summary: 'appoint an admin (the first one of an installation) on the configured database, or through the embedded service running on it',
    run: admin,
  },
};

function usage(): string {
  const lines = ['usage:'];
  for (const command of Object.values(COMMANDS)) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push('', 'exit codes: 0 ok, 1 usage or I/O error, 2 invalid input, 3 the bundle does not verify');
  return `${lines.join('\n')}\n`;
}

const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err(`gongjue: unknown command ${name}\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`gongjue ${name}: ${error.message}\nusage: ${command.usage}\n`);
    return EXIT_USAGE;
  }
}
