import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ClusterWorkloads,
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
  KubeObject,
  WORKLOAD_RESOURCES,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { ResourceService } from '../resources/ResourceService';

/** Kinds an entity's tab shows beside its workloads, and can do without. */
const SUPPORTING_RESOURCES = new Set([
  'endpointslices.discovery.k8s.io',
  'ingresses.networking.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'configmaps',
]);

/**
 * The workloads of a catalog entity on every cluster a person may see, from
 * the watch cache. A cluster that cannot answer says why; the others still
 * answer.
 */
export class AuthorizedWorkloadsService {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      resources: ResourceService;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      /**
       * The custom kinds (`resource.group`) listed on a cluster beside the
       * workloads, labelled with the entity's selector like them.
       */
      customResourcesOf?: (cluster: ClusterDefinition) => Promise<string[]>;
    },
  ) {}

  async workloads(
    request: { labelSelector: string; namespace?: string },
    credentials: BackstageCredentials,
  ): Promise<WorkloadsResponse> {
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const clusters = (await this.deps.registry.list()).filter(c =>
      authz.allowsCluster(k8sOpsClusterReadPermission, c),
    );
    const answers = await Promise.all(
      clusters.map(async (cluster): Promise<ClusterWorkloads> => {
        const answer: ClusterWorkloads = {
          cluster: cluster.name,
          title: cluster.title,
          group: cluster.group,
          readOnly: cluster.readOnly,
          resources: {} as Record<string, KubeObject[]>,
        };
        try {
          const impersonate = await this.deps.impersonator.impersonation(
            cluster,
            credentials,
          );
          // Every kind at once; the answer keeps their order, and a refusal
          // is the first kind's in that order, so that an unchanged answer
          // is the same text (and ETag).
          // Custom kinds are details like Services: a cluster whose
          // discovery fails lists its workloads (or says why it cannot).
          const custom: string[] = await (
            this.deps.customResourcesOf?.(cluster) ?? Promise.resolve([])
          ).catch(() => []);
          const kinds = [...WORKLOAD_RESOURCES, ...custom];
          const settled = await Promise.allSettled(
            kinds.map(resource =>
              this.deps.resources
                .list(
                  {
                    cluster: cluster.name,
                    resource,
                    namespace: request.namespace,
                    labelSelector: request.labelSelector,
                    // All of them: an entity's thousand pods are one page.
                    limit: Number.MAX_SAFE_INTEGER,
                  },
                  {
                    filter: (object, kind) =>
                      authz.allows(
                        k8sOpsResourceReadPermission,
                        { cluster, kind },
                        object,
                      ),
                    impersonate,
                    definition: cluster,
                  },
                )
                .catch(error => {
                  // What serves and configures the workloads is a detail: a
                  // cluster that will not list it still shows its workloads.
                  if (
                    SUPPORTING_RESOURCES.has(resource) ||
                    custom.includes(resource)
                  ) {
                    return undefined;
                  }
                  throw error;
                }),
            ),
          );
          const lists = settled.map(result => {
            if (result.status === 'rejected') throw result.reason;
            return result.value;
          });
          lists.forEach((list, i) => {
            if (!list) return;
            answer.resources[kinds[i]] = list.items;
            // The time of the last event says nothing while live, and would
            // change the answer (and its ETag) with every event.
            answer.freshness ??= list.freshness.live
              ? { live: true }
              : list.freshness;
          });
          return answer;
        } catch (error) {
          return {
            ...answer,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    return {
      labelSelector: request.labelSelector,
      ...(request.namespace ? { namespace: request.namespace } : {}),
      clusters: answers,
    };
  }
}
