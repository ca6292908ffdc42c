import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  InfraScan,
  K8S_LABEL_SELECTOR_ANNOTATION,
  K8S_NAMESPACE_ANNOTATION,
} from '@k8s-ops/plugin-k8s-ops-common';
import { createHash } from 'node:crypto';

/** The annotation naming the cluster an entity's service runs on. */
export const K8S_OPS_CLUSTER_ANNOTATION = 'k8s-ops.dev/cluster';

const LOCATION = 'k8s-ops:infra-scans';

/**
 * The catalog `Resource` entities of what stored scans found, one per
 * instance (an instance seen by several scans once), typed by category
 * (`database`, `cache`, `queue`, `search`, `storage`) and annotated with its
 * namespace and pod labels, so that its page shows the k8s-ops tab.
 */
export function infraEntities(
  scans: InfraScan[],
  options: { owner: string },
): Entity[] {
  const entities = new Map<string, Entity>();
  for (const scan of scans) {
    for (const service of scan.services) {
      for (const instance of service.instances) {
        const name = entityName(
          `${scan.cluster}-${instance.namespace}-${instance.name}`,
        );
        if (entities.has(name)) continue;
        const annotations: Record<string, string> = {
          [ANNOTATION_LOCATION]: `url:${LOCATION}`,
          [ANNOTATION_ORIGIN_LOCATION]: `url:${LOCATION}`,
          [K8S_NAMESPACE_ANNOTATION]: instance.namespace,
          [K8S_OPS_CLUSTER_ANNOTATION]: scan.cluster,
        };
        if (instance.labelSelector) {
          annotations[K8S_LABEL_SELECTOR_ANNOTATION] = instance.labelSelector;
        }
        const endpoints = instance.endpoints.map(e => e.address);
        entities.set(name, {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name,
            title: `${service.title} ${instance.name} (${scan.cluster}/${instance.namespace})`,
            description: endpoints.length
              ? `Reachable at ${endpoints.join(', ')}`
              : `No Service exposes it`,
            annotations,
            tags: [service.type, service.category],
          },
          spec: {
            type: service.category,
            owner: options.owner,
          },
        });
      }
    }
  }
  return [...entities.values()];
}

/** A catalog name: at most 63 characters, a hash keeping long ones apart. */
function entityName(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9._-]/g, '-');
  if (clean.length <= 63) return clean;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${clean.slice(0, 54).replace(/[-._]+$/, '')}-${hash}`;
}
