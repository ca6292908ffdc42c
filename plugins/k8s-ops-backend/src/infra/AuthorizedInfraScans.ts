import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  InfraScan,
  InfraScanList,
  InfraWorkload,
  k8sOpsClusterReadPermission,
  k8sOpsInfraScanPermission,
  k8sOpsResourceReadPermission,
  KindDescriptor,
} from '@k8s-ops/plugin-k8s-ops-common';
import { actorOf, AuditedRequest, AuditLog } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import {
  DatabaseInfraScanStore,
  InfraScanQuery,
} from './DatabaseInfraScanStore';
import { InfraScanner } from './InfraScanner';

/**
 * Infrastructure scans as one person may run and see them: a scan needs
 * `k8s-ops.infra.scan` on the cluster and sees only the objects the person
 * may read; stored scans are shown for the clusters they may see. Every scan
 * is audited and kept, replacing the previous one of its namespace.
 */
export class AuthorizedInfraScans {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      scanner: InfraScanner;
      store: DatabaseInfraScanStore;
      authorizer: RequestAuthorizer;
      audit: AuditLog;
    },
  ) {}

  async scan(
    clusterName: string,
    request: { namespace?: string },
    ctx: AuditedRequest,
  ): Promise<InfraScan> {
    return this.deps.audit.track(
      {
        action: 'infra-scan',
        severity: 'low',
        request: ctx.request,
        credentials: ctx.credentials,
        target: { cluster: clusterName, namespace: request.namespace },
        summary: (scan: InfraScan) => {
          const found = scan.services.filter(s => s.found);
          return found.length
            ? `found ${found
                .map(s => `${s.title} (${s.instances.length})`)
                .join(', ')}`
            : 'found no infrastructure service';
        },
      },
      async () => {
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          k8sOpsInfraScanPermission,
          k8sOpsResourceReadPermission,
        ]);
        const cluster = await this.visibleCluster(clusterName, c =>
          authz.allowsCluster(k8sOpsClusterReadPermission, c),
        );
        if (!authz.allowsCluster(k8sOpsInfraScanPermission, cluster)) {
          throw new NotAllowedError(
            `You may not scan cluster '${cluster.name}' for infrastructure services`,
          );
        }
        const started = process.hrtime.bigint();
        const services = await this.deps.scanner.scan(
          cluster,
          request.namespace,
          (object, kind) =>
            authz.allows(
              k8sOpsResourceReadPermission,
              { cluster, kind },
              object,
            ),
        );
        const scan: InfraScan = {
          cluster: cluster.name,
          namespace: request.namespace,
          scannedAt: new Date().toISOString(),
          scannedBy: actorOf(ctx.credentials),
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          services,
        };
        await this.deps.store.save(scan);
        return scan;
      },
    );
  }

  async list(
    query: InfraScanQuery,
    credentials: BackstageCredentials,
  ): Promise<InfraScanList> {
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    if (query.cluster) {
      await this.visibleCluster(query.cluster, c =>
        authz.allowsCluster(k8sOpsClusterReadPermission, c),
      );
    }
    const visible = new Map(
      (await this.deps.registry.list())
        .filter(c => authz.allowsCluster(k8sOpsClusterReadPermission, c))
        .map(c => [c.name, c]),
    );
    const items = await this.deps.store.list(query);
    // A scan someone else ran may name workloads this person may not read.
    return {
      items: items.flatMap(scan => {
        const cluster = visible.get(scan.cluster);
        if (!cluster) return [];
        return [
          {
            ...scan,
            services: scan.services.map(service => {
              const instances = service.instances.filter(i =>
                authz.allows(
                  k8sOpsResourceReadPermission,
                  { cluster, kind: storedKind(i.workload) },
                  {
                    metadata: { namespace: i.namespace, name: i.workload.name },
                  },
                ),
              );
              return { ...service, instances, found: instances.length > 0 };
            }),
          },
        ];
      }),
    };
  }

  /** A cluster the person may not see is answered like a missing one. */
  private async visibleCluster(
    name: string,
    allowed: (cluster: ClusterDefinition) => boolean,
  ): Promise<ClusterDefinition> {
    const cluster = await this.deps.registry.get(name).catch(() => undefined);
    if (!cluster || !allowed(cluster)) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }
}

/** The kind of a stored workload, enough for the permission rules. */
function storedKind(workload: InfraWorkload): KindDescriptor {
  const [group, version] = workload.apiVersion.includes('/')
    ? workload.apiVersion.split('/')
    : ['', workload.apiVersion];
  return {
    group,
    version,
    kind: workload.kind,
    resource: '',
    namespaced: true,
    verbs: [],
    shortNames: [],
    subresources: [],
    preferred: true,
  };
}
