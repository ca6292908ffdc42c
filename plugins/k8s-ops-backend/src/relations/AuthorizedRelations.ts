import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  findRelations,
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
  RelationCandidate,
  RelationsResponse,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { describeRef, mayRead } from '../resources/AuthorizedResourceService';
import { ObjectRef, ResourceService } from '../resources/ResourceService';

/** The kinds a relation can reach, besides the object's own. */
const RELATED_KINDS = [
  'pods',
  'replicasets.apps',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'services',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
  'poddisruptionbudgets.policy',
  'horizontalpodautoscalers.autoscaling',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'persistentvolumeclaims',
  'persistentvolumes',
  'storageclasses.storage.k8s.io',
  'nodes',
];

/**
 * The relations of an object as one person may see them: read from the
 * watch cache, every object the person may not read left out before the
 * graph is made, so that neither it nor its edges appear. The object
 * itself must be readable, or it is answered as missing.
 */
export class AuthorizedRelations {
  constructor(
    private readonly deps: {
      resources: ResourceService;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
    },
  ) {}

  async relations(
    ref: ObjectRef,
    depth: number,
    credentials: BackstageCredentials,
  ): Promise<RelationsResponse> {
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const rootTarget = await this.deps.resources.target(
      ref.cluster,
      ref.resource,
    );
    const impersonate = await this.deps.impersonator.impersonation(
      rootTarget.cluster,
      credentials,
    );
    const found = await this.deps.resources.get(ref, { impersonate });
    if (!mayRead(authz, found.target, found.object)) {
      throw new NotFoundError(
        `${describeRef(found.target, ref)} not found on cluster '${
          ref.cluster
        }'`,
      );
    }
    // A cluster-scoped object (a Node) relates to objects of every namespace.
    const namespace = found.target.kind.namespaced
      ? found.object.metadata.namespace
      : undefined;
    const resources = new Set([
      ...RELATED_KINDS,
      resourceNameOf(found.target.kind),
    ]);
    const lists = await Promise.allSettled(
      [...resources].map(resource =>
        this.deps.resources.objects(ref.cluster, resource, namespace, {
          impersonate,
        }),
      ),
    );
    const candidates: RelationCandidate[] = [];
    let root: RelationCandidate | undefined;
    for (const list of lists) {
      // A kind the cluster does not serve, or will not list, has no
      // relations to show.
      if (list.status !== 'fulfilled') {
        continue;
      }
      const { target, objects } = list.value;
      const resource = resourceNameOf(target.kind);
      for (const object of objects) {
        if (!mayRead(authz, target, object)) {
          continue;
        }
        const candidate = {
          resource,
          kind: target.kind.kind,
          namespaced: target.kind.namespaced,
          object,
        };
        if (object.metadata.uid === found.object.metadata.uid) {
          root = candidate;
        }
        candidates.push(candidate);
      }
    }
    return findRelations({
      cluster: ref.cluster,
      root: root ?? {
        resource: resourceNameOf(found.target.kind),
        kind: found.target.kind.kind,
        namespaced: found.target.kind.namespaced,
        object: found.object,
      },
      candidates,
      depth,
    });
  }
}
