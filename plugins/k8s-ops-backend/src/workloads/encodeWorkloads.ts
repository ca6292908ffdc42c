import { WorkloadsResponse } from '@k8s-ops/plugin-k8s-ops-common';
import {
  encodeObjects,
  EncodeOptions,
  encodeWithField,
  etagOf,
} from '../resources/encodeObjects';

/**
 * The answer of `GET /workloads` as JSON, each object encoded once and
 * reused, as summaries or whole (see `encodeObject`); and its ETag.
 */
export function encodeWorkloads(
  response: WorkloadsResponse,
  options: EncodeOptions,
): { body: string; etag: string } {
  const clusters = response.clusters.map(({ resources, ...cluster }) => {
    const kinds = Object.entries(resources).map(
      ([resource, objects]) =>
        `${JSON.stringify(resource)}:${encodeObjects(objects, options)}`,
    );
    return encodeWithField(cluster, 'resources', `{${kinds.join(',')}}`);
  });
  const { clusters: _clusters, ...rest } = response;
  const body = encodeWithField(rest, 'clusters', `[${clusters.join(',')}]`);
  return { body, etag: etagOf(body) };
}
