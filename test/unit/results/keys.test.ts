import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../src/config.ts';
import { loadKeys } from '../../../src/identity/keys.ts';
import { keyIdOf, signCanonical, verifyCanonical } from '../../../src/audit/signing.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'gongjue-keys-'));

describe('the result-signing key', () => {
  it('is generated into the data directory on first start (0600) and the same key is loaded afterwards', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    const first = loadKeys(config).resultSigning;
    const file = path.join(config.secretsDir, 'result-ed25519.private.pem');
    expect(readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeys(config).resultSigning.keyId).toBe(first.keyId);
    expect(first.keyId).toBe(keyIdOf(first.publicKey));
  });

  it('comes from RESULT_SIGNING_KEY when set; any key but Ed25519 is refused, naming the variable', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const given = loadKeys(loadConfig({ DATA_DIR: dataDir(), RESULT_SIGNING_KEY: pem })).resultSigning;
    const signature = signCanonical(pem, { b: 1, a: '同意' });
    expect(verifyCanonical(given.publicKey, { a: '同意', b: 1 }, signature)).toBe(true);
    expect(verifyCanonical(given.publicKey, { a: '反对', b: 1 }, signature)).toBe(false);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadKeys(loadConfig({ DATA_DIR: dataDir(), RESULT_SIGNING_KEY: ec }))).toThrow(/RESULT_SIGNING_KEY: expected an Ed25519 private key/);
    try {
      loadConfig({ RESULT_SIGNING_KEY: 'not a key' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems[0]).toMatch(/^RESULT_SIGNING_KEY: expected a PEM block.*hidden/);
    }
  });
});
