import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { keyIdOf } from '../audit/signing.ts';

/** The process's secret material. None of it is ever written to the database. */
export interface Keys {
  /** ES256 (P-256) key pair that signs and verifies access tokens. */
  jwt: { privateKey: string; publicKey: string };
  /** Key of the HMAC that stands in for identity numbers in the database. */
  identityHmacKey: Buffer;
  /** Ed25519 key pair that signs certified results; the public half is published (docs/bundle.md). */
  resultSigning: ResultSigningKey;
}

export interface ResultSigningKey {
  privateKey: string;
  publicKey: string;
  /** SHA-256 (hex) of the public key's DER (SPKI) encoding: how bundles and the well-known URL name it. */
  keyId: string;
}

/**
 * Keys from the environment, or, on a single-instance install, from files in
 * the data directory generated on the first start (mode 0600).
 */
export function loadKeys(config: Pick<Config, 'secrets' | 'secretsDir'>): Keys {
  const { secrets } = config;
  const jwt =
    secrets.jwtPrivateKey && secrets.jwtPublicKey
      ? { privateKey: secrets.jwtPrivateKey, publicKey: secrets.jwtPublicKey }
      : loadOrCreate(config.secretsDir, 'jwt-es256', generateJwtKeys);
  assertP256(jwt.privateKey, jwt.publicKey);
  const identityHmacKey = secrets.identityHmacKey
    ? Buffer.from(secrets.identityHmacKey, 'base64')
    : Buffer.from(loadOrCreateText(config.secretsDir, 'identity-hmac.key', () => randomBytes(32).toString('base64')), 'base64');
  const resultSigning = resultSigningKey(
    secrets.resultSigningKey ?? loadOrCreateText(config.secretsDir, 'result-ed25519.private.pem', generateEd25519Pem),
  );
  return { jwt, identityHmacKey, resultSigning };
}

/** Fresh keys held only in memory: for tests and one-off tools. */
export function ephemeralKeys(): Keys {
  return { jwt: generateJwtKeys(), identityHmacKey: randomBytes(32), resultSigning: resultSigningKey(generateEd25519Pem()) };
}

function generateEd25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
}

/** The signing key from its PKCS#8 PEM, refusing any other kind of key. */
export function resultSigningKey(privatePem: string): ResultSigningKey {
  const key = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('RESULT_SIGNING_KEY: expected an Ed25519 private key (PKCS#8 PEM)');
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey, keyId: keyIdOf(publicKey) };
}

function generateJwtKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function assertP256(privatePem: string, publicPem: string) {
  const priv = createPrivateKey(privatePem);
  const pub = createPublicKey(publicPem);
  for (const [name, key] of [
    ['JWT_PRIVATE_KEY', priv],
    ['JWT_PUBLIC_KEY', pub],
  ] as const) {
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error(`${name}: expected an EC P-256 key for ES256`);
    }
  }
}

function loadOrCreate(dir: string, name: string, create: () => { privateKey: string; publicKey: string }) {
  const privatePath = path.join(dir, `${name}.private.pem`);
  const publicPath = path.join(dir, `${name}.public.pem`);
  if (fs.existsSync(privatePath) && fs.existsSync(publicPath)) {
    return { privateKey: fs.readFileSync(privatePath, 'utf8'), publicKey: fs.readFileSync(publicPath, 'utf8') };
  }
  const pair = create();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
  fs.writeFileSync(publicPath, pair.publicKey, { mode: 0o644 });
  return pair;
}

function loadOrCreateText(dir: string, name: string, create: () => string): string {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const value = create();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}
