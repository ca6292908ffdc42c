import { InputError } from '@backstage/errors';
import { createHash, randomBytes } from 'node:crypto';
import { CredentialCipher } from './CredentialCipher';

const NO_MATCHING_KEY =
  'Cannot decrypt stored credentials: no configured key matches (was the encryption key removed?)';
const TAMPERED =
  'Cannot decrypt stored credentials: data was tampered with or the key is wrong';

const SECRET = 'token: eyJhbGciOiJSUzI1NiJ9.super-secret-token';

function newKey(): string {
  return randomBytes(32).toString('base64');
}

/** Flips one bit of one byte of a base64 part of a sealed value. */
function flipByte(sealed: string, part: 2 | 3 | 4, byte = 0): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[byte] ^= 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('CredentialCipher', () => {
  it.each([
    ['a token', SECRET],
    ['an empty string', ''],
    ['unicode', 'ключ 🔑 — clé'],
    ['a long value', 'x'.repeat(100_000)],
  ])('returns the original text after a round trip of %s', (_, plaintext) => {
    const cipher = CredentialCipher.fromKeys([newKey()]);
    expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
  });

  it('produces the v1:<keyId>:<iv>:<tag>:<ciphertext> format with the sha256 key id', () => {
    const key = Buffer.alloc(32, 7);
    const cipher = CredentialCipher.fromKeys([key.toString('base64')]);
    const expectedId = createHash('sha256')
      .update(key)
      .digest('hex')
      .slice(0, 8);

    const [version, keyId, iv, tag, ciphertext, ...rest] = cipher
      .encrypt(SECRET)
      .split(':');

    expect(rest).toEqual([]);
    expect(version).toBe('v1');
    expect(keyId).toBe(expectedId);
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(
      Buffer.byteLength(SECRET),
    );
  });

  it('uses a different IV, and so a different ciphertext, for the same plaintext', () => {
    const cipher = CredentialCipher.fromKeys([newKey()]);
    const sealed = Array.from({ length: 20 }, () => cipher.encrypt(SECRET));
    const ivs = sealed.map(s => s.split(':')[2]);
    const ciphertexts = sealed.map(s => s.split(':')[4]);

    expect(new Set(ivs).size).toBe(sealed.length);
    expect(new Set(ciphertexts).size).toBe(sealed.length);
  });

  it('never includes the plaintext in the sealed value', () => {
    const cipher = CredentialCipher.fromKeys([newKey()]);
    const sealed = cipher.encrypt(SECRET);
    expect(sealed).not.toContain('super-secret-token');
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('base64'));
  });

  describe('tamper detection', () => {
    it.each([
      ['the first byte of the ciphertext', 4, 0],
      ['the last byte of the ciphertext', 4, Buffer.byteLength(SECRET) - 1],
      ['the first byte of the tag', 3, 0],
      ['the last byte of the tag', 3, 15],
      ['the first byte of the IV', 2, 0],
      ['the last byte of the IV', 2, 11],
    ] as const)('refuses a value with a flipped bit in %s', (_, part, byte) => {
      const cipher = CredentialCipher.fromKeys([newKey()]);
      const tampered = flipByte(cipher.encrypt(SECRET), part, byte);

      const error = errorOf(() => cipher.decrypt(tampered));

      expect(error.message).toBe(TAMPERED);
      expect(error).not.toBeInstanceOf(InputError);
    });

    it('refuses a value whose key id was edited to point at another key', () => {
      const oldKey = newKey();
      const newer = newKey();
      const rotated = CredentialCipher.fromKeys([newer, oldKey]);
      const [, , iv, tag, ciphertext] = CredentialCipher.fromKeys([oldKey])
        .encrypt(SECRET)
        .split(':');
      const newerId = rotated.encrypt('x').split(':')[1];

      expect(() =>
        rotated.decrypt(['v1', newerId, iv, tag, ciphertext].join(':')),
      ).toThrow(TAMPERED);
    });

    it('refuses a value sealed with a different key that has the same id', () => {
      const cipher = CredentialCipher.fromKeys([newKey()]);
      const other = CredentialCipher.fromKeys([newKey()]);
      const [, , iv, tag, ciphertext] = other.encrypt(SECRET).split(':');
      const id = cipher.encrypt('x').split(':')[1];

      expect(() =>
        cipher.decrypt(['v1', id, iv, tag, ciphertext].join(':')),
      ).toThrow(TAMPERED);
    });

    it.each([
      ['an empty string', ''],
      ['plain text', SECRET],
      ['an unknown version', 'v2:abcdef01:AAAA:AAAA:AAAA'],
      ['too few parts', 'v1:abcdef01:AAAA:AAAA'],
      ['a key id that is not hex', 'v1:ABCDEF01:AAAAAAAAAAAAAAAA:AAAA:'],
      ['a short IV', 'v1:abcdef01:AAAA:AAAAAAAAAAAAAAAAAAAAAA==:'],
      ['a truncated tag', 'v1:abcdef01:AAAAAAAAAAAAAAAA:AAAAAAAA:'],
      ['ciphertext that is not base64', 'v1:abcdef01:AAAAAAAAAAAAAAAA:x:!!'],
    ])('refuses %s as malformed without echoing it', (_, sealed) => {
      const cipher = CredentialCipher.fromKeys([newKey()]);

      const error = errorOf(() => cipher.decrypt(sealed));

      expect(error.message).toMatch(/^Cannot decrypt stored credentials: /);
      expect(error.message).not.toContain('super-secret-token');
    });
  });

  describe('rotation', () => {
    it('decrypts values sealed with an old key once a new key is first', () => {
      const oldKey = newKey();
      const sealed = CredentialCipher.fromKeys([oldKey]).encrypt(SECRET);

      const rotated = CredentialCipher.fromKeys([newKey(), oldKey]);

      expect(rotated.decrypt(sealed)).toBe(SECRET);
      expect(rotated.needsRotation(sealed)).toBe(true);
    });

    it('reports no rotation needed for values sealed with the first key', () => {
      const rotated = CredentialCipher.fromKeys([newKey(), newKey()]);
      const resealed = rotated.encrypt(SECRET);

      expect(rotated.needsRotation(resealed)).toBe(false);
      expect(rotated.decrypt(resealed)).toBe(SECRET);
    });

    it('re-encrypts an old value so that it no longer needs rotation', () => {
      const oldKey = newKey();
      const sealed = CredentialCipher.fromKeys([oldKey]).encrypt(SECRET);
      const rotated = CredentialCipher.fromKeys([newKey(), oldKey]);

      const resealed = rotated.encrypt(rotated.decrypt(sealed));

      expect(rotated.needsRotation(resealed)).toBe(false);
      expect(CredentialCipher.fromKeys([oldKey]).needsRotation(resealed)).toBe(
        true,
      );
    });

    it('throws a clear error when the key a value was sealed with was removed', () => {
      const sealed = CredentialCipher.fromKeys([newKey()]).encrypt(SECRET);
      const withoutOldKey = CredentialCipher.fromKeys([newKey()]);

      const error = errorOf(() => withoutOldKey.decrypt(sealed));

      expect(error.message).toBe(NO_MATCHING_KEY);
      expect(withoutOldKey.needsRotation(sealed)).toBe(true);
    });

    it('throws on needsRotation for a malformed value', () => {
      const cipher = CredentialCipher.fromKeys([newKey()]);
      expect(() => cipher.needsRotation('not sealed')).toThrow(
        /^Cannot decrypt stored credentials: /,
      );
    });
  });

  describe('fromKeys', () => {
    const good = newKey();
    it.each([
      ['a 16-byte key', [randomBytes(16).toString('base64')], 0],
      ['a 31-byte key', [randomBytes(31).toString('base64')], 0],
      ['a 33-byte key', [randomBytes(33).toString('base64')], 0],
      ['a 64-byte key', [randomBytes(64).toString('base64')], 0],
      ['an empty key', [''], 0],
      ['a hex key', [randomBytes(32).toString('hex')], 0],
      ['a key that is not base64', ['not a key!'.repeat(5)], 0],
      ['a bad second key', [good, randomBytes(24).toString('base64')], 1],
      ['a bad third key', [good, good, 'short'], 2],
    ])('throws a plain Error naming the index for %s', (_, keys, badIndex) => {
      const error = errorOf(() => CredentialCipher.fromKeys(keys));

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(InputError);
      expect(error.message).toContain(`index ${badIndex}`);
      keys
        .filter(key => key.length > 0)
        .forEach(key => expect(error.message).not.toContain(key));
    });

    it('throws when no keys are given', () => {
      expect(() => CredentialCipher.fromKeys([])).toThrow(
        /at least one encryption key/,
      );
    });

    it('accepts a key with surrounding whitespace, as read from a file', () => {
      const key = newKey();
      const sealed = CredentialCipher.fromKeys([key]).encrypt(SECRET);
      expect(CredentialCipher.fromKeys([`  ${key}\n`]).decrypt(sealed)).toBe(
        SECRET,
      );
    });
  });
});
