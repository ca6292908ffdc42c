import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// 96-bit IVs are what GCM is specified for; a fresh random one per value.
const IV_BYTES = 12;
const TAG_BYTES = 16;

const NO_MATCHING_KEY =
  'Cannot decrypt stored credentials: no configured key matches (was the encryption key removed?)';
const TAMPERED =
  'Cannot decrypt stored credentials: data was tampered with or the key is wrong';
const MALFORMED =
  'Cannot decrypt stored credentials: the stored value is not in the expected format';

interface CipherKey {
  id: string;
  key: Buffer;
}

interface Sealed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts registered cluster credentials at rest with AES-256-GCM, with key
 * rotation.
 *
 * @remarks
 * Sealed values look like `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64
 * parts), where the key id is the first 8 hex characters of the SHA-256 of
 * the key, so that decryption can pick the right key after a rotation.
 */
export class CredentialCipher {
  /**
   * Creates a cipher from base64-encoded 32-byte keys; the first encrypts,
   * all decrypt.
   *
   * @throws Error if no key is given or a key is not 32 bytes after base64
   * decoding. The message names the index of the key, never the key.
   */
  static fromKeys(keys: string[]): CredentialCipher {
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new Error(
        'CredentialCipher needs at least one encryption key (base64-encoded, 32 bytes)',
      );
    }
    return new CredentialCipher(
      keys.map((encoded, index) => {
        const base64 = typeof encoded === 'string' ? encoded.trim() : '';
        // Buffer.from silently skips characters that are not base64, so a
        // malformed key could otherwise decode to 32 bytes of something else.
        const key = /^[A-Za-z0-9+/]+={0,2}$/.test(base64)
          ? Buffer.from(base64, 'base64')
          : Buffer.alloc(0);
        if (key.length !== KEY_BYTES) {
          throw new Error(
            `Encryption key at index ${index} must be ${KEY_BYTES} bytes, base64-encoded (it decodes to ${key.length} bytes); generate one with: openssl rand -base64 32`,
          );
        }
        return { id: keyId(key), key };
      }),
    );
  }

  private constructor(private readonly keys: CipherKey[]) {}

  /** Encrypts a value with the first key. */
  encrypt(plaintext: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, {
      authTagLength: TAG_BYTES,
    });
    // Authenticating the header means it cannot be edited to steer
    // decryption to another key.
    cipher.setAAD(Buffer.from(`${VERSION}:${id}`));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      VERSION,
      id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  /**
   * Decrypts a value sealed by {@link CredentialCipher.encrypt} with any of
   * the configured keys.
   *
   * @throws Error when no configured key matches, when the value was tampered
   * with, or when it is malformed. Messages never include the value.
   */
  decrypt(sealed: string): string {
    const { keyId: id, iv, tag, ciphertext } = parse(sealed);
    // Key ids are 32 bits, so two configured keys could share one; try each.
    const candidates = this.keys.filter(k => k.id === id);
    if (candidates.length === 0) {
      throw new Error(NO_MATCHING_KEY);
    }
    for (const { key } of candidates) {
      try {
        // A fixed tag length stops a truncated tag from being accepted.
        const decipher = createDecipheriv(ALGORITHM, key, iv, {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(`${VERSION}:${id}`));
        decipher.setAuthTag(tag);
        return Buffer.concat([
          decipher.update(ciphertext),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Authentication failed with this key; try the next one.
      }
    }
    throw new Error(TAMPERED);
  }

  /**
   * True when the value was sealed with a key other than the first, i.e.
   * needs re-encryption after rotation.
   *
   * @throws Error when the value is malformed.
   */
  needsRotation(sealed: string): boolean {
    return parse(sealed).keyId !== this.keys[0].id;
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function parse(sealed: string): Sealed {
  const parts = typeof sealed === 'string' ? sealed.split(':') : [];
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new Error(MALFORMED);
  }
  const [, id, iv, tag, ciphertext] = parts;
  if (!/^[0-9a-f]{8}$/.test(id) || ![iv, tag, ciphertext].every(isBase64)) {
    throw new Error(MALFORMED);
  }
  const sealedValue = {
    keyId: id,
    iv: Buffer.from(iv, 'base64'),
    tag: Buffer.from(tag, 'base64'),
    ciphertext: Buffer.from(ciphertext, 'base64'),
  };
  if (
    sealedValue.iv.length !== IV_BYTES ||
    sealedValue.tag.length !== TAG_BYTES
  ) {
    throw new Error(MALFORMED);
  }
  return sealedValue;
}

function isBase64(value: string): boolean {
  // Empty ciphertext is legitimate: it is what an empty string encrypts to.
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
