import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** One value of a Secret, as a person reads it. */
export interface SecretValue {
  key: string;
  /** The value as text; absent when it is not UTF-8 text. */
  text?: string;
  /** Size of the value in bytes. */
  bytes: number;
}

/** Whether an object is a core Secret. */
export function isSecret(object: KubeObject): boolean {
  return object.kind === 'Secret' && object.apiVersion === 'v1';
}

function decodeBase64(value: string): Uint8Array {
  const binary = atob(value);
  return Uint8Array.from(binary, c => c.charCodeAt(0));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function textOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    // Binary content (a keystore, an image): shown by its size only.
    return undefined;
  }
}

/**
 * The values of a Secret, sorted by key: `data` decoded from base64 and
 * `stringData` as it is (a key in both takes the `stringData` value, as the
 * API server does).
 */
export function secretValues(object: KubeObject): SecretValue[] {
  const { data, stringData } = fieldsOf(object);
  const values = new Map<string, SecretValue>();
  for (const [key, value] of Object.entries(data)) {
    const bytes = decodeBase64(value);
    values.set(key, { key, text: textOf(bytes), bytes: bytes.length });
  }
  for (const [key, value] of Object.entries(stringData)) {
    values.set(key, {
      key,
      text: value,
      bytes: new TextEncoder().encode(value).length,
    });
  }
  return [...values.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The keys of a Secret, without values, sorted. */
export function secretKeys(object: KubeObject): string[] {
  const { data, stringData } = fieldsOf(object);
  return [...new Set([...Object.keys(data), ...Object.keys(stringData)])].sort(
    (a, b) => a.localeCompare(b),
  );
}

function fieldsOf(object: KubeObject) {
  const secret = object as KubeObject & {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
  };
  return { data: secret.data ?? {}, stringData: secret.stringData ?? {} };
}
