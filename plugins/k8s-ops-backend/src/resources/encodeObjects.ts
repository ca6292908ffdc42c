import { createHash } from 'node:crypto';
import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { summaryOf } from './summaryOf';

// The JSON of each object as last sent, by the object: the watch cache
// replaces an object when it changes, so an unchanged one is encoded once
// for every answer that holds it.
const encodedFull = new WeakMap<KubeObject, string>();
const encodedSummary = new WeakMap<KubeObject, string>();

/** How an answer presents its objects. */
export interface EncodeOptions {
  /** Each object as {@link summaryOf} describes it, not whole. */
  summary: boolean;
}

/** One object's JSON, whole or as its summary, encoded once and reused. */
export function encodeObject(
  object: KubeObject,
  { summary }: EncodeOptions,
): string {
  const cache = summary ? encodedSummary : encodedFull;
  let json = cache.get(object);
  if (json === undefined) {
    json = JSON.stringify(summary ? summaryOf(object) : object);
    cache.set(object, json);
  }
  return json;
}

/** Objects as a JSON array, each encoded once and reused. */
export function encodeObjects(
  objects: KubeObject[],
  options: EncodeOptions,
): string {
  return `[${objects.map(o => encodeObject(o, options)).join(',')}]`;
}

/**
 * An answer's JSON with one more field of already encoded JSON:
 * `{"a":1}` and `"b":[…]` → `{"a":1,"b":[…]}`.
 */
export function encodeWithField(
  rest: object,
  field: string,
  encoded: string,
): string {
  const json = JSON.stringify(rest);
  const member = `${JSON.stringify(field)}:${encoded}`;
  return json === '{}' ? `{${member}}` : `${json.slice(0, -1)},${member}}`;
}

/** An entity tag of an answer's body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}
