import { createHash } from 'node:crypto';
import { KubeObject, WorkloadsResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { summaryOf } from './summaryOf';

// The JSON of each object as last sent, by the object: the watch cache
// replaces an object when it changes, so an unchanged one is encoded once
// for every answer that holds it.
const encodedFull = new WeakMap<KubeObject, string>();
const encodedSummary = new WeakMap<KubeObject, string>();

function encode(object: KubeObject, summary: boolean): string {
  const cache = summary ? encodedSummary : encodedFull;
  let json = cache.get(object);
  if (json === undefined) {
    json = JSON.stringify(summary ? summaryOf(object) : object);
    cache.set(object, json);
  }
  return json;
}

/** `{"a":1}` and `"b":2` → `{"a":1,"b":2}`. */
function withField(objectJson: string, field: string): string {
  return objectJson === '{}'
    ? `{${field}}`
    : `${objectJson.slice(0, -1)},${field}}`;
}

/**
 * The answer of `GET /workloads` as JSON, each object encoded once and
 * reused, as summaries (see {@link summaryOf}) or whole; and its ETag.
 */
export function encodeWorkloads(
  response: WorkloadsResponse,
  options: { summary: boolean },
): { body: string; etag: string } {
  const clusters = response.clusters.map(({ resources, ...cluster }) => {
    const kinds = Object.entries(resources).map(
      ([resource, objects]) =>
        `${JSON.stringify(resource)}:[${objects
          .map(o => encode(o, options.summary))
          .join(',')}]`,
    );
    return withField(
      JSON.stringify(cluster),
      `"resources":{${kinds.join(',')}}`,
    );
  });
  const { clusters: _clusters, ...rest } = response;
  const body = withField(
    JSON.stringify(rest),
    `"clusters":[${clusters.join(',')}]`,
  );
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag };
}
