import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret, secretsEqual } from '../../../src/features/shops/secrets.js';

describe('newSecret', () => {
  it('192 random bits as 32 URL-safe characters, never twice the same', () => {
    const secrets = Array.from({ length: 200 }, () => newSecret());
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(24);
    }
    expect(new Set(secrets).size).toBe(200);
  });
});

describe('hashSecret', () => {
  it('the SHA-256 of the secret in UTF-8, as hex', () => {
    expect(hashSecret('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is not the secret, and differs for secrets that differ by one character', () => {
    const secret = newSecret();
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).not.toContain(secret);
    expect(hashSecret(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).not.toBe(hashSecret(secret));
  });
});

describe('secretsEqual', () => {
  it('equal secrets only', () => {
    const secret = newSecret();
    expect(secretsEqual(secret, `${secret}`)).toBe(true);
    expect(secretsEqual('', '')).toBe(true);
    expect(secretsEqual(secret, secret.slice(0, -1))).toBe(false);
    expect(secretsEqual(secret, `${secret}x`)).toBe(false);
    expect(secretsEqual('a', '')).toBe(false);
    expect(secretsEqual('abc', 'ABC')).toBe(false);
    expect(secretsEqual('ї', 'i')).toBe(false);
  });
});
