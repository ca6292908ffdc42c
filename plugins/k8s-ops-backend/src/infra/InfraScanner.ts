import {
  InfraServiceResult,
  KindDescriptor,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { WatchCache } from '../cache/WatchCache';
import { ClusterDefinition } from '../clusters/types';
import { findKind } from '@k8s-ops/plugin-k8s-ops-common';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { OperatorObjects, scanObjects } from './detectors/scanObjects';
import { SERVICE_TYPES, ServiceTypeRule } from './detectors/serviceTypes';

/** Which objects a scan may see; the others are left out. */
export type ScanFilter = (object: KubeObject, kind: KindDescriptor) => boolean;

/**
 * Scans a namespace, or every namespace, of a cluster for infrastructure
 * services, from the watch cache only: the kinds it reads are watched (and
 * listed once) like any other, and a scan asks the API server nothing more.
 */
export class InfraScanner {
  private readonly rules: ServiceTypeRule[];

  constructor(
    private readonly deps: {
      clients: KubeClientFactory;
      discovery: DiscoveryCache;
      cache: WatchCache;
      rules?: ServiceTypeRule[];
    },
  ) {
    this.rules = deps.rules ?? SERVICE_TYPES;
  }

  async scan(
    cluster: ClusterDefinition,
    namespace: string | undefined,
    filter: ScanFilter = () => true,
  ): Promise<InfraServiceResult[]> {
    const client = this.deps.clients.forCluster(cluster);
    const kinds = await this.deps.discovery.kinds(client);
    const read = async (kind: KindDescriptor | undefined) => {
      if (!kind) {
        return [];
      }
      const watcher = this.deps.cache.watcher(client, kind);
      await watcher.ready();
      const objects: KubeObject[] = [];
      for (const object of watcher.objects()) {
        if (
          (!namespace ||
            !kind.namespaced ||
            object.metadata.namespace === namespace) &&
          filter(object, kind)
        ) {
          objects.push(object);
        }
      }
      return objects;
    };
    const operators = this.rules.flatMap(rule =>
      (rule.operators ?? []).flatMap(operator => {
        const kind = kinds.find(
          k =>
            k.group === operator.group &&
            k.kind === operator.kind &&
            k.preferred,
        );
        return kind ? [{ rule, operator, kind }] : [];
      }),
    );
    const [deployments, statefulSets, pods, services, nodes, secrets] =
      await Promise.all(
        [
          'deployments.apps',
          'statefulsets.apps',
          'pods',
          'services',
          'nodes',
          'secrets',
        ].map(resource => read(findKind(kinds, resource))),
      );
    const operatorObjects: OperatorObjects[] = await Promise.all(
      operators.map(async ({ rule, operator, kind }) => ({
        rule,
        operator,
        objects: await read(kind),
      })),
    );
    return scanObjects(
      {
        deployments,
        statefulSets,
        pods,
        services,
        nodes,
        // Names and types only: the values never leave the cache.
        secrets: secrets.map(s => ({
          namespace: s.metadata.namespace ?? '',
          name: s.metadata.name ?? '',
          type: (s as { type?: string }).type,
        })),
        operators: operatorObjects,
      },
      this.rules,
    );
  }
}
