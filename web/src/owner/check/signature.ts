/**
 * The public check's verification (issue 17), in the browser: the signed bytes are the canonical
 * JSON (UTF-8) of the certification as the service signed it (docs/bundle.md) — recomputed here
 * from what was downloaded, never taken from the service — and the signature is checked with
 * WebCrypto's Ed25519 (Chrome ≥ 137, Safari ≥ 17, Firefox ≥ 129). Older WebViews (WeChat's XWeb on
 * an old Android) lack it: there @noble/ed25519, loaded only then, does the same check in script.
 */

/** Canonical JSON: keys sorted (UTF-16 code units), no whitespace; the same text as src/audit/canonical-json.ts. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('canonical JSON carries integers only');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Bytes = Uint8Array<ArrayBuffer>;

export function base64Bytes(text: string): Bytes {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The DER bytes of a PEM (here: an SPKI public key). */
export function pemBytes(pem: string): Bytes {
  return base64Bytes(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, ''));
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** The key's fingerprint as the service names it: SHA-256 (hex) of its DER (SPKI) encoding. */
export async function keyIdOf(publicKeyPem: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', pemBytes(publicKeyPem)));
}

/** An Ed25519 SPKI: this 12-byte prefix, then the 32-byte key. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

export function rawEd25519Key(spki: Bytes): Bytes {
  if (spki.length !== 44 || ED25519_SPKI_PREFIX.some((b, i) => spki[i] !== b)) throw new Error('not an Ed25519 public key');
  return spki.slice(12);
}

export type Verifier = 'webcrypto' | 'script';

/** Whether `signature` (base64) is the Ed25519 signature of `message` by the key (SPKI PEM); and what checked it. */
export async function verifyEd25519(
  publicKeyPem: string,
  message: Bytes,
  signature: string,
  options: { webCrypto?: boolean } = {},
): Promise<{ valid: boolean; by: Verifier }> {
  const spki = pemBytes(publicKeyPem);
  const raw = rawEd25519Key(spki);
  let sig: Bytes;
  try {
    sig = base64Bytes(signature);
  } catch {
    return { valid: false, by: 'script' };
  }
  if (sig.length !== 64) return { valid: false, by: 'script' };
  if (options.webCrypto !== false) {
    let key: CryptoKey | undefined;
    try {
      key = await crypto.subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
    } catch {
      // No Ed25519 in this browser's WebCrypto: the script below.
    }
    if (key) return { valid: await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message), by: 'webcrypto' };
  }
  const ed = await import('@noble/ed25519');
  try {
    return { valid: await ed.verifyAsync(sig, message, raw), by: 'script' };
  } catch {
    return { valid: false, by: 'script' };
  }
}

export type CheckOutcome =
  | { kind: 'valid'; by: Verifier }
  | { kind: 'invalid'; reason: 'signature' | 'key' | 'meeting'; by?: Verifier }
  | { kind: 'unsupported' };

/**
 * The whole check of a certification: the key that verifies must be the one the certification
 * names (its fingerprint is signed) and the one the service publishes; the certification must be
 * of this meeting; and the signature must hold over the canonical JSON of what was downloaded.
 */
export async function checkCertification(
  meetingId: string,
  certification: { payload: Record<string, unknown>; signature: string; publicKey: string },
  published: { keyId: string; publicKey: string },
  options: { webCrypto?: boolean } = {},
): Promise<CheckOutcome> {
  if (typeof crypto === 'undefined' || crypto.subtle === undefined) return { kind: 'unsupported' };
  const payload = certification.payload;
  const meeting = payload.meeting as { id?: unknown } | undefined;
  if (payload.decision !== 'certified' || meeting?.id !== meetingId) return { kind: 'invalid', reason: 'meeting' };
  let keyId: string;
  try {
    keyId = await keyIdOf(certification.publicKey);
    if (keyId !== payload.keyId || keyId !== published.keyId || (await keyIdOf(published.publicKey)) !== published.keyId) return { kind: 'invalid', reason: 'key' };
  } catch {
    return { kind: 'invalid', reason: 'key' };
  }
  const message: Bytes = new Uint8Array(new TextEncoder().encode(canonicalJson(payload)));
  try {
    const { valid, by } = await verifyEd25519(published.publicKey, message, certification.signature, options);
    return valid ? { kind: 'valid', by } : { kind: 'invalid', reason: 'signature', by };
  } catch {
    return { kind: 'unsupported' };
  }
}

/** A fingerprint in groups of four, to read aloud or compare by eye. */
export const grouped = (keyId: string) => keyId.replace(/(.{4})(?=.)/g, '$1 ');
