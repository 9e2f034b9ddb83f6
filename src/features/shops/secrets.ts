import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh unguessable secret (192 random bits), URL-safe. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The lookup key stored for a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time equality of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
