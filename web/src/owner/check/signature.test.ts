import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson as serverCanonicalJson } from '../../../../src/audit/canonical-json.ts';
import { keyIdOf as serverKeyIdOf, signCanonical } from '../../../../src/audit/signing.ts';
import { canonicalJson, checkCertification, grouped, keyIdOf } from './signature.ts';

/** The browser's check against what the service signs: the same bytes, the same fingerprint, both verifiers. */
function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const MEETING = '5947544d-7070-4537-abef-ba4d25f1d70b';

function certified() {
  const key = keyPair();
  const keyId = serverKeyIdOf(key.publicPem);
  const payload = {
    format: 'gongjue.certification',
    version: 1,
    decision: 'certified',
    meeting: { id: MEETING },
    estate: { id: 'e', townshipId: 't' },
    motions: [{ motionId: 'm', result: { outcome: 'passed', totals: { TA: '4433.46', TH: 44, PA: '2955.64', PH: 30 }, choices: [{ id: 'agree', area: '2000.00', heads: 23 }] } }],
    certifiedAt: '2026-12-22T00:00:00.000Z',
    certifiedBy: 'account:x',
    keyId,
    note: '“引号”、emoji 🏠 and a \\ backslash',
  };
  const signature = signCanonical(key.privatePem, payload);
  return { payload, signature, publicKey: key.publicPem, published: { keyId, publicKey: key.publicPem } };
}

describe('the public check in the browser', () => {
  it('writes the canonical JSON the service signs', () => {
    const { payload } = certified();
    const shuffled: unknown = JSON.parse(JSON.stringify({ z: 1, ...payload, a: [{ y: null, b: true }] }));
    expect(canonicalJson(shuffled)).toBe(serverCanonicalJson(shuffled));
  });

  it('names the key as the service does', async () => {
    const { publicKey, published } = certified();
    expect(await keyIdOf(publicKey)).toBe(published.keyId);
    expect(grouped('abcdef0123')).toBe('abcd ef01 23');
  });

  for (const webCrypto of [true, false]) {
    const by = webCrypto ? 'webcrypto' : 'script';
    it(`verifies a genuine certification and rejects a tampered one (${by})`, async () => {
      const c = certified();
      expect(await checkCertification(MEETING, c, c.published, { webCrypto })).toEqual({ kind: 'valid', by });
      const changed = JSON.parse(JSON.stringify(c.payload)) as typeof c.payload;
      changed.motions[0]!.result.choices[0]!.heads = 24;
      expect(await checkCertification(MEETING, { ...c, payload: changed }, c.published, { webCrypto })).toEqual({ kind: 'invalid', reason: 'signature', by });
      const bytes = Buffer.from(c.signature, 'base64');
      bytes[10]! ^= 1;
      expect(await checkCertification(MEETING, { ...c, signature: bytes.toString('base64') }, c.published, { webCrypto })).toEqual({ kind: 'invalid', reason: 'signature', by });
    });
  }

  it('refuses another key than the published one, and another meeting’s certification', async () => {
    const c = certified();
    const other = certified();
    expect(await checkCertification(MEETING, c, other.published)).toEqual({ kind: 'invalid', reason: 'key' });
    expect(await checkCertification('00000000-0000-4000-8000-000000000000', c, c.published)).toEqual({ kind: 'invalid', reason: 'meeting' });
  });
});
