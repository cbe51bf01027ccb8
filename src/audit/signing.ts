import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * Ed25519 signatures over the canonical JSON (UTF-8) of a value: how
 * certified results are signed by the service and checked by anyone
 * (docs/bundle.md).
 */

export function signCanonical(privateKeyPem: string, value: unknown): string {
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
}

/** False for a wrong signature, a malformed one, or a key that is not Ed25519. */
export function verifyCanonical(publicKeyPem: string, value: unknown, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(canonicalJson(value), 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** SHA-256 (hex) of the public key's DER (SPKI) encoding. */
export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');
}
