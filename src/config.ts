import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { MESSAGE_KINDS, type MessageKind } from './notifications/sms-provider.ts';
import { parseQuietHours, type QuietHours } from './notifications/messages.ts';

/**
 * The service's whole configuration, read once from the environment at start.
 * Every variable is documented in the README's configuration table; keep the
 * two in step.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v) && URL.canParse(v), {
    error: 'expected a postgres:// or postgresql:// URL',
  });

const redisUrl = z
  .string()
  .refine((v) => /^rediss?:\/\/.+/.test(v) && URL.canParse(v), {
    error: 'expected a redis:// or rediss:// URL',
  });

const pemBlock = (label: string) =>
  z.string().refine((v) => v.includes(`-----BEGIN ${label}-----`), {
    error: `expected a PEM block (-----BEGIN ${label}-----)`,
  });

const secretKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length >= 32 && /^[A-Za-z0-9+/=_-]+$/.test(v), {
    error: 'expected at least 32 random bytes, base64-encoded',
  });

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

// ── Identity: login codes, SMS, verification, proxies (issue 12) ───────────
/** proxy-addr's names for ranges of addresses, accepted in TRUST_PROXY's list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(item: string): boolean {
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Whose X-Forwarded-For to believe. `true` is refused: it trusts every hop,
 * so the left-most address — written by the client itself — would be taken
 * as the client's, and per-address limits would count whatever it claims.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 16) return hops;
    }
    const items = v.split(',').map((i) => i.trim()).filter(Boolean);
    const bad = v === 'true' || v === 'yes' ? items : items.filter((i) => !PROXY_RANGE_NAMES.has(i) && !isAddressOrCidr(i));
    if (items.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          v === 'true' || v === 'yes'
            ? 'true would trust the address the client itself writes into X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5,10.0.1.0/24)'
            : `expected false, a number of proxies (1-16), or a comma list of proxy addresses and CIDR ranges (not an address: ${bad.join(', ') || v})`,
      });
      return z.NEVER;
    }
    return items;
  });

const positiveCount = (max: number) =>
  z.coerce.number({ error: 'expected a number' }).int({ error: 'expected a whole number' }).min(1, { error: 'expected at least 1' }).max(max, { error: `expected at most ${max}` });

// ── SMS and face-verification providers (issue 14) ─────────────────────────
const optionalText = z.preprocess(emptyAsUndefined, z.string().trim().min(1, { error: 'expected a value, not blanks' }).optional());

/** SMS_TEMPLATE_LOGIN_CODE … SMS_TEMPLATE_PROXY_REVOKED: the template of each message kind at the chosen cloud provider. */
export function templateVariable(kind: MessageKind): `SMS_TEMPLATE_${Uppercase<MessageKind>}` {
  return `SMS_TEMPLATE_${kind.toUpperCase() as Uppercase<MessageKind>}`;
}
const templateVariables = Object.fromEntries(MESSAGE_KINDS.map((kind) => [templateVariable(kind), optionalText])) as Record<
  `SMS_TEMPLATE_${Uppercase<MessageKind>}`,
  typeof optionalText
>;

const cloudRegion = z.preprocess(
  emptyAsUndefined,
  z.string().regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { error: 'expected a region id such as cn-hangzhou or ap-guangzhou' }).optional(),
);

/** An endpoint override: scheme and host (and port) only, as the SDKs take them. */
const endpointUrl = z.preprocess(
  emptyAsUndefined,
  z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://dysmsapi.aliyuncs.com' })
    .refine((v) => {
      const url = new URL(v);
      return (url.pathname === '/' || url.pathname === '') && url.search === '' && url.username === '' && url.password === '';
    }, { error: 'expected only a scheme and host (and port): no path, query or credentials' })
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(0, { error: 'expected a port from 0 to 65535' })
    .max(65535, { error: 'expected a port from 0 to 65535' })
    .default(3000),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'expected a number' })
    .int()
    .min(1, { error: 'expected at least 1' })
    .max(200, { error: 'expected at most 200' })
    .default(10),
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  ),
  MIGRATE_ON_START: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).default(10_000),
  TRUST_PROXY: trustProxy.default(false),
  JWT_PRIVATE_KEY: z.preprocess(emptyAsUndefined, pemBlock('PRIVATE KEY').optional()),
  JWT_PUBLIC_KEY: z.preprocess(emptyAsUndefined, pemBlock('PUBLIC KEY').optional()),
  IDENTITY_HMAC_KEY: z.preprocess(emptyAsUndefined, secretKey.optional()),
  RESULT_SIGNING_KEY: z.preprocess(emptyAsUndefined, pemBlock('PRIVATE KEY').optional()),
  RUN_JOBS: booleanFlag.default(true),
  JOBS_INTERVAL_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(1_000, { error: 'expected at least 1000' }).default(60_000),
  JOBS_CONCURRENCY: z.coerce.number({ error: 'expected a number' }).int().min(1, { error: 'expected at least 1' }).max(64, { error: 'expected at most 64' }).default(4),
  JOBS_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'expected letters, digits, - or _' }).default('gongjue'),
  BALLOT_CONFIRMATION_SETTLE_SECONDS: z.coerce
    .number({ error: 'expected seconds' })
    .int({ error: 'expected a whole number' })
    .min(5, { error: 'expected at least 5' })
    .max(3_600, { error: 'expected at most 3600 (an hour)' })
    .default(60),
  REMINDER_LEAD_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(0).max(43_200, { error: 'expected at most 43200 (30 days)' }).default(1_440),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a number' }).int().min(1).max(30, { error: 'expected at most 30' }).default(8),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(10).default(30_000),
  WEBHOOK_PRIVATE_RECEIVERS: booleanFlag.optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100).max(120_000).default(10_000),
  BALLOT_BATCHES_IN_FLIGHT: z.coerce.number({ error: 'expected a number' }).int().min(1, { error: 'expected at least 1' }).max(64, { error: 'expected at most 64' }).default(2),
  BALLOT_BATCH_MAX: z.coerce.number({ error: 'expected a number' }).int().min(1, { error: 'expected at least 1' }).max(1000, { error: 'expected at most 1000' }).default(64),
  SMS_SENDER: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'http', 'aliyun', 'tencent'], { error: 'expected aliyun, tencent, http or development' }).optional(),
  ),
  SMS_HTTP_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional()),
  SMS_HTTP_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  ALIYUN_SMS_ACCESS_KEY_ID: optionalText,
  ALIYUN_SMS_ACCESS_KEY_SECRET: optionalText,
  ALIYUN_SMS_SIGN_NAME: optionalText,
  ALIYUN_SMS_REGION: cloudRegion,
  ALIYUN_SMS_ENDPOINT: endpointUrl,
  TENCENT_SMS_SECRET_ID: optionalText,
  TENCENT_SMS_SECRET_KEY: optionalText,
  TENCENT_SMS_SDK_APP_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d{6,20}$/, { error: 'expected the SMS application\'s SdkAppId, digits such as 1400123456' }).optional()),
  TENCENT_SMS_SIGN_NAME: optionalText,
  TENCENT_SMS_REGION: cloudRegion,
  TENCENT_SMS_ENDPOINT: endpointUrl,
  ...templateVariables,
  FACE_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['tencent', 'development'], { error: 'expected tencent or development (unset: no face verification)' }).optional()),
  TENCENT_FACEID_SECRET_ID: optionalText,
  TENCENT_FACEID_SECRET_KEY: optionalText,
  TENCENT_FACEID_RULE_ID: optionalText,
  TENCENT_FACEID_REGION: cloudRegion,
  TENCENT_FACEID_ENDPOINT: endpointUrl,
  SMS_QUIET_HOURS: z
    .string()
    .default('21:00-08:00')
    .refine((v) => {
      try {
        parseQuietHours(v);
        return true;
      } catch {
        return false;
      }
    }, { error: 'expected HH:MM-HH:MM (e.g. 21:00-08:00) or off' }),
  SMS_DAILY_CEILING_PER_ESTATE: z.coerce.number({ error: 'expected a number' }).int().min(0, { error: 'expected 0 (no ceiling) or more' }).max(10_000_000).default(5_000),
  SMS_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a number' }).int().min(1).max(30, { error: 'expected at most 30' }).default(6),
  SMS_RETRY_BASE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(10).default(30_000),
  LOGIN_CODES_PER_ADDRESS_PER_HOUR: positiveCount(1_000_000).default(300),
  LOGIN_CODES_PER_ESTATE_PER_DAY: positiveCount(10_000_000).default(1_000),
  LOGIN_CODES_UNATTACHED_PER_DAY: positiveCount(10_000_000).default(2_000),
  VERIFICATION_FAILURES_PER_OWNER: positiveCount(1_000).default(10),
  VERIFICATION_FAILURES_PER_ADDRESS: positiveCount(100_000).default(50),
  // How long to wait for PostgreSQL (src/db/database.ts), and how soon a dead worker's jobs are taken over.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100, { error: 'expected at least 100' }).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).default(5_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).default(3_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).default(60_000),
  DATABASE_LONG_STATEMENT_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).default(600_000),
  JOBS_LOCK_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(1_000, { error: 'expected at least 1000' }).default(8_000),
  JOBS_STALLED_CHECK_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(500, { error: 'expected at least 500' }).default(3_000),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Absent: the embedded PGlite database under `dataDir` is used. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Limits on every connection to the external PostgreSQL (src/db/database.ts); 0: none. */
  databaseTimeouts: { connectMs: number; statementMs: number; lockMs: number; idleInTransactionMs: number };
  /** Statement and lock limit of jobs and registry imports, which may run long (inLongTransaction); 0: none. */
  databaseLongStatementMs: number;
  /** Absent: no Redis; jobs run in-process. */
  redisUrl: string | undefined;
  dataDir: string;
  /** Files of the embedded PGlite database, under `dataDir`. */
  embeddedDatabaseDir: string;
  /** Keys generated on first start when not given in the environment, under `dataDir`. */
  secretsDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  publicBaseUrl: string;
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  /** Fastify's `trustProxy`: false, a number of hops, or the proxies' addresses and CIDR ranges. Never `true`. */
  trustProxy: false | number | string[];
  /**
   * Run the jobs (open and close voting on time, publish, remind, deliver
   * webhooks) in this process: BullMQ workers when Redis is configured, the
   * in-process runner otherwise.
   */
  runJobs: boolean;
  jobs: {
    /** How often due work is re-derived from PostgreSQL. */
    intervalMs: number;
    concurrency: number;
    queuePrefix: string;
    /** 0: no reminders. */
    reminderLeadMs: number;
    /** An owner's online ballots are confirmed by SMS once none has followed for this long (src/notifications/ballot-confirmations.ts). */
    confirmSettleMs: number;
    /**
     * BullMQ: a job's lock lasts this long and is renewed at half of it; a
     * worker that dies holding a job loses it when the lock expires, and the
     * next stalled check (every `stalledCheckMs`) hands it to another worker.
     */
    lockMs: number;
    stalledCheckMs: number;
    /** allowPrivate: receivers may be on private networks or this machine (src/webhooks/receiver-address.ts). */
    webhooks: { maxAttempts: number; retryBaseMs: number; timeoutMs: number; allowPrivate: boolean };
  };
  /**
   * How login codes reach phones: `development` keeps them (redacted) in sms_outbox and
   * logs them only when NODE_ENV=development; `http` posts each message to an SMS gateway.
   */
  smsSender: 'development' | 'http' | 'aliyun' | 'tencent';
  smsHttp: { url: string; token: string | undefined } | undefined;
  /** The cloud SMS provider when SMS_SENDER is aliyun or tencent (src/notifications/providers/). */
  smsCloud: AliyunSmsConfig | TencentSmsConfig | undefined;
  /** Face verification (人脸核身): a provider, the development fake, or none (undefined: disabled). */
  face: TencentFaceConfig | { provider: 'development' } | undefined;
  /** How messages are delivered by SMS (src/notifications/deliver.ts): quiet hours, the daily ceiling, retries. */
  messages: { quietHours: QuietHours | null; dailyCeilingPerEstate: number | null; maxAttempts: number; retryBaseMs: number };
  /** Limits on login codes and on self-verification failures (src/identity/otp.ts, verification.ts). */
  identityLimits: {
    loginCodesPerAddressPerHour: number;
    loginCodesPerEstatePerDay: number;
    /** Codes a day to phones of no estate (no binding, registry phone or estate role). */
    loginCodesUnattachedPerDay: number;
    /** Failed self-verifications naming one owner, per 24 hours, before that owner is locked. */
    verificationFailuresPerOwner: number;
    verificationFailuresPerAddressPerHour: number;
  };
  /** Online ballots sent to the database together (src/voting/ballot-batches.ts). */
  ballotBatches: { inFlight: number; maxBatch: number };
  secrets: {
    jwtPrivateKey: string | undefined;
    jwtPublicKey: string | undefined;
    identityHmacKey: string | undefined;
    /** PKCS#8 PEM of the Ed25519 key that signs certified results. */
    resultSigningKey: string | undefined;
  };
}

export interface AliyunSmsConfig {
  provider: 'aliyun';
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  regionId: string;
  /** Undefined: the SDK's public endpoint. */
  endpoint: string | undefined;
  templates: Record<MessageKind, string>;
}

export interface TencentSmsConfig {
  provider: 'tencent';
  secretId: string;
  secretKey: string;
  smsSdkAppId: string;
  signName: string;
  region: string;
  endpoint: string | undefined;
  templates: Record<MessageKind, string>;
}

export interface TencentFaceConfig {
  provider: 'tencent';
  secretId: string;
  secretKey: string;
  ruleId: string;
  region: string | undefined;
  endpoint: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const given = env[name];
      const shown = given === undefined ? '' : ` (got ${JSON.stringify(redactIfSecret(name, given))})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.JWT_PRIVATE_KEY === undefined) !== (e.JWT_PUBLIC_KEY === undefined)) {
    problems.push('JWT_PRIVATE_KEY / JWT_PUBLIC_KEY: set both or neither');
  }
  if (e.NODE_ENV === 'production') {
    // Several production instances must share their keys; generated files in
    // one instance's data directory would split them.
    if (e.JWT_PRIVATE_KEY === undefined) problems.push('JWT_PRIVATE_KEY: required when NODE_ENV=production');
    if (e.IDENTITY_HMAC_KEY === undefined) problems.push('IDENTITY_HMAC_KEY: required when NODE_ENV=production');
    // Certified results must stay checkable against one published key, whichever instance signed them.
    if (e.RESULT_SIGNING_KEY === undefined) problems.push('RESULT_SIGNING_KEY: required when NODE_ENV=production');
    if (e.PUBLIC_BASE_URL === undefined) problems.push('PUBLIC_BASE_URL: required when NODE_ENV=production');
    // Production must choose its sender on purpose, and a real one: the development one sends nothing.
    if (e.SMS_SENDER === undefined) problems.push('SMS_SENDER: required when NODE_ENV=production');
    if (e.SMS_SENDER === 'development') problems.push('SMS_SENDER: development sends no text messages and is refused when NODE_ENV=production; use aliyun, tencent or http');
    // The development fake passes every face: in production it would make anyone anyone.
    if (e.FACE_PROVIDER === 'development') problems.push('FACE_PROVIDER: development passes every check and is refused when NODE_ENV=production; use tencent, or leave it unset');
  }
  if (e.SMS_SENDER === 'http' && e.SMS_HTTP_URL === undefined) problems.push('SMS_HTTP_URL: required when SMS_SENDER=http');
  const smsCloud = cloudSmsConfig(e, problems);
  const face = faceConfig(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    databaseLongStatementMs: e.DATABASE_LONG_STATEMENT_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedDatabaseDir: path.resolve(e.DATA_DIR, 'pglite'),
    secretsDir: path.resolve(e.DATA_DIR, 'secrets'),
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    migrateOnStart: e.MIGRATE_ON_START,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    smsSender: e.SMS_SENDER ?? 'development',
    smsHttp: e.SMS_SENDER === 'http' && e.SMS_HTTP_URL !== undefined ? { url: e.SMS_HTTP_URL, token: e.SMS_HTTP_TOKEN } : undefined,
    smsCloud,
    face,
    messages: {
      quietHours: parseQuietHours(e.SMS_QUIET_HOURS),
      dailyCeilingPerEstate: e.SMS_DAILY_CEILING_PER_ESTATE === 0 ? null : e.SMS_DAILY_CEILING_PER_ESTATE,
      maxAttempts: e.SMS_MAX_ATTEMPTS,
      retryBaseMs: e.SMS_RETRY_BASE_MS,
    },
    identityLimits: {
      loginCodesPerAddressPerHour: e.LOGIN_CODES_PER_ADDRESS_PER_HOUR,
      loginCodesPerEstatePerDay: e.LOGIN_CODES_PER_ESTATE_PER_DAY,
      loginCodesUnattachedPerDay: e.LOGIN_CODES_UNATTACHED_PER_DAY,
      verificationFailuresPerOwner: e.VERIFICATION_FAILURES_PER_OWNER,
      verificationFailuresPerAddressPerHour: e.VERIFICATION_FAILURES_PER_ADDRESS,
    },
    ballotBatches: { inFlight: e.BALLOT_BATCHES_IN_FLIGHT, maxBatch: e.BALLOT_BATCH_MAX },
    runJobs: e.RUN_JOBS,
    jobs: {
      intervalMs: e.JOBS_INTERVAL_MS,
      concurrency: e.JOBS_CONCURRENCY,
      queuePrefix: e.JOBS_QUEUE_PREFIX,
      reminderLeadMs: e.REMINDER_LEAD_MINUTES * 60_000,
      confirmSettleMs: e.BALLOT_CONFIRMATION_SETTLE_SECONDS * 1_000,
      lockMs: e.JOBS_LOCK_MS,
      stalledCheckMs: e.JOBS_STALLED_CHECK_MS,
      webhooks: {
        maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
        // Receivers on private networks or this machine: for development and tests, never by default in production.
        allowPrivate: e.WEBHOOK_PRIVATE_RECEIVERS ?? e.NODE_ENV !== 'production',
      },
    },
    secrets: {
      jwtPrivateKey: e.JWT_PRIVATE_KEY,
      jwtPublicKey: e.JWT_PUBLIC_KEY,
      identityHmacKey: e.IDENTITY_HMAC_KEY,
      resultSigningKey: e.RESULT_SIGNING_KEY,
    },
  };
}

type ParsedEnv = z.output<typeof envSchema>;

/** Pushes a problem for each variable in `names` that is unset; true when all are set. */
function requireAll(e: ParsedEnv, names: readonly (keyof ParsedEnv)[], when: string, problems: string[]): boolean {
  const missing = names.filter((name) => e[name] === undefined);
  for (const name of missing) problems.push(`${name}: required when ${when}`);
  return missing.length === 0;
}

/** Every message kind's template, each checked against the provider's form of template id. */
function templatesFor(e: ParsedEnv, sender: 'aliyun' | 'tencent', problems: string[]): Record<MessageKind, string> | null {
  const form = sender === 'aliyun' ? /^SMS_\d+$/ : /^\d+$/;
  const example = sender === 'aliyun' ? 'an Alibaba Cloud template code such as SMS_123456789' : 'a Tencent Cloud template id, digits such as 1234567';
  let complete = true;
  const templates = {} as Record<MessageKind, string>;
  for (const kind of MESSAGE_KINDS) {
    const name = templateVariable(kind);
    const value = e[name];
    if (value === undefined) {
      problems.push(`${name}: required when SMS_SENDER=${sender} (the template of ${kind} messages)`);
      complete = false;
    } else if (!form.test(value)) {
      problems.push(`${name}: expected ${example} (got ${JSON.stringify(value)})`);
      complete = false;
    } else templates[kind] = value;
  }
  return complete ? templates : null;
}

/** Production talks to the providers over TLS only: an http endpoint is for a local fake. */
function endpointFor(e: ParsedEnv, name: 'ALIYUN_SMS_ENDPOINT' | 'TENCENT_SMS_ENDPOINT' | 'TENCENT_FACEID_ENDPOINT', problems: string[]): string | undefined {
  const value = e[name];
  if (value === undefined) return undefined;
  const url = new URL(value);
  if (e.NODE_ENV === 'production' && url.protocol !== 'https:') problems.push(`${name}: expected https when NODE_ENV=production`);
  // The Tencent Cloud SDK signs with the service named by the endpoint's first label (sms.…, faceid.…).
  const service = name === 'TENCENT_SMS_ENDPOINT' ? 'sms' : name === 'TENCENT_FACEID_ENDPOINT' ? 'faceid' : null;
  if (service && url.hostname.split('.')[0] !== service) {
    problems.push(`${name}: the host name must begin with "${service}." (the SDK signs each call for the service its first label names)`);
  }
  return `${url.protocol}//${url.host}`;
}

function cloudSmsConfig(e: ParsedEnv, problems: string[]): AliyunSmsConfig | TencentSmsConfig | undefined {
  if (e.SMS_SENDER === 'aliyun') {
    const keys = requireAll(e, ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME'], 'SMS_SENDER=aliyun', problems);
    const templates = templatesFor(e, 'aliyun', problems);
    const endpoint = endpointFor(e, 'ALIYUN_SMS_ENDPOINT', problems);
    if (!keys || !templates) return undefined;
    return {
      provider: 'aliyun',
      accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID!,
      accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET!,
      signName: e.ALIYUN_SMS_SIGN_NAME!,
      regionId: e.ALIYUN_SMS_REGION ?? 'cn-hangzhou',
      endpoint,
      templates,
    };
  }
  if (e.SMS_SENDER === 'tencent') {
    const keys = requireAll(
      e,
      ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME'],
      'SMS_SENDER=tencent',
      problems,
    );
    const templates = templatesFor(e, 'tencent', problems);
    const endpoint = endpointFor(e, 'TENCENT_SMS_ENDPOINT', problems);
    if (!keys || !templates) return undefined;
    return {
      provider: 'tencent',
      secretId: e.TENCENT_SMS_SECRET_ID!,
      secretKey: e.TENCENT_SMS_SECRET_KEY!,
      smsSdkAppId: e.TENCENT_SMS_SDK_APP_ID!,
      signName: e.TENCENT_SMS_SIGN_NAME!,
      region: e.TENCENT_SMS_REGION ?? 'ap-guangzhou',
      endpoint,
      templates,
    };
  }
  return undefined;
}

function faceConfig(e: ParsedEnv, problems: string[]): Config['face'] {
  if (e.FACE_PROVIDER === 'development') return { provider: 'development' };
  if (e.FACE_PROVIDER !== 'tencent') return undefined;
  const keys = requireAll(e, ['TENCENT_FACEID_SECRET_ID', 'TENCENT_FACEID_SECRET_KEY', 'TENCENT_FACEID_RULE_ID'], 'FACE_PROVIDER=tencent', problems);
  const endpoint = endpointFor(e, 'TENCENT_FACEID_ENDPOINT', problems);
  if (!keys) return undefined;
  return {
    provider: 'tencent',
    secretId: e.TENCENT_FACEID_SECRET_ID!,
    secretKey: e.TENCENT_FACEID_SECRET_KEY!,
    ruleId: e.TENCENT_FACEID_RULE_ID!,
    region: e.TENCENT_FACEID_REGION,
    endpoint,
  };
}

const SECRET_NAMES = new Set([
  'JWT_PRIVATE_KEY',
  'IDENTITY_HMAC_KEY',
  'RESULT_SIGNING_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'SMS_HTTP_URL',
  'SMS_HTTP_TOKEN',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'TENCENT_SMS_SECRET_KEY',
  'TENCENT_FACEID_SECRET_KEY',
]);

function redactIfSecret(name: string, value: string): string {
  // URLs may carry passwords; keys are secret outright. Say only how long they were.
  return SECRET_NAMES.has(name) ? `<${value.length} characters, hidden>` : value;
}
