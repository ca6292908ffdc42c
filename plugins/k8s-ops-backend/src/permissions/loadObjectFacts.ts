import {
  parseK8sOpsObjectRef,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ResourceService } from '../resources/ResourceService';
import { objectFacts, ObjectFacts } from './resources';

/**
 * Resolves the resource refs of permission checks (see
 * `stringifyK8sOpsObjectRef`) to what conditional rules see of each object,
 * so that a frontend can ask whether a person may change one object. Refs
 * that name no object (unknown cluster or kind, deleted object, malformed
 * text) resolve to undefined, which the permission framework denies.
 */
export async function loadObjectFacts(
  deps: { registry: ClusterRegistry; resources: ResourceService },
  refs: string[],
): Promise<Array<ObjectFacts | undefined>> {
  return Promise.all(
    refs.map(async text => {
      const ref = parseK8sOpsObjectRef(text);
      if (!ref || stringifyK8sOpsObjectRef(ref) !== text) {
        return undefined;
      }
      try {
        const cluster = await deps.registry.get(ref.cluster);
        const { object, target } = await deps.resources.get(ref);
        return objectFacts(cluster, target.kind, object);
      } catch {
        return undefined;
      }
    }),
  );
}
