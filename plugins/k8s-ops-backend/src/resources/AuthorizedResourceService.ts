import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  CacheStats,
  DiscoveryResponse,
  k8sOpsClusterManagePermission,
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
  k8sOpsSecretRevealPermission,
  KubeObject,
  ResourceListResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog, AuditTarget } from '../audit/AuditLog';
import { WatchCache } from '../cache/WatchCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { authorizeBasic, requirePerson } from '../permissions/authorizeBasic';
import { Impersonator } from '../permissions/Impersonator';
import { isSecret } from '../permissions/maskSecret';
import {
  describeObject,
  ObjectPlace,
  RequestAuthorization,
  RequestAuthorizer,
} from '../permissions/RequestAuthorizer';
import { ObjectRef, ResourceService, Target } from './ResourceService';

type Options = {
  impersonate?: Awaited<ReturnType<Impersonator['impersonation']>>;
};

/**
 * The resource API as one person may use it. One authorization per
 * request; its conditions become a filter, so a denied list is empty, and
 * an object the person may not read is answered as missing. Secret values
 * are masked except when revealed. Changes need a person, are refused on
 * read-only clusters before anything is looked up, and are audited.
 */
export class AuthorizedResourceService {
  constructor(
    private readonly deps: {
      resources: ResourceService;
      registry: ClusterRegistry;
      discovery: DiscoveryCache;
      clients: KubeClientFactory;
      cache: WatchCache;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      permissions: PermissionsService;
      audit: AuditLog;
    },
  ) {}

  /** The kinds a cluster serves, for a person who may see the cluster. */
  async discovery(
    clusterName: string,
    credentials: BackstageCredentials,
  ): Promise<DiscoveryResponse> {
    const cluster = await this.visibleCluster(clusterName, credentials);
    return this.deps.discovery.discover(this.deps.clients.forCluster(cluster));
  }

  /** What the watch cache holds per cluster and kind, for cluster managers. */
  async cacheStats(credentials: BackstageCredentials): Promise<CacheStats[]> {
    await authorizeBasic(
      this.deps.permissions,
      credentials,
      k8sOpsClusterManagePermission,
      'You may not read the state of the k8s-ops cache',
    );
    return this.deps.cache.stats();
  }

  async list(
    request: Parameters<ResourceService['list']>[0],
    credentials: BackstageCredentials,
  ): Promise<ResourceListResponse> {
    const cluster = await this.deps.registry.get(request.cluster);
    const authz = await this.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const result = await this.deps.resources.list(request, {
      filter: (object, kind) => mayRead(authz, { cluster, kind }, object),
      impersonate: await this.impersonation(cluster, credentials),
    });
    return {
      ...result,
      items: result.items.map(o =>
        authz.maskUnlessRevealed({ cluster, kind: result.kind }, o),
      ),
    };
  }

  async get(
    ref: ObjectRef,
    credentials: BackstageCredentials,
  ): Promise<KubeObject> {
    const authz = await this.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const { object, target } = await this.readable(ref, authz);
    return authz.maskUnlessRevealed(target, object);
  }

  async events(ref: ObjectRef, credentials: BackstageCredentials) {
    const authz = await this.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const { target } = await this.readable(ref, authz);
    return this.deps.resources.events(ref, {
      impersonate: await this.impersonation(target.cluster, credentials),
    });
  }

  /** A Secret with its values, for a person who may reveal them; audited. */
  async reveal(ref: ObjectRef, ctx: AuditedRequest): Promise<KubeObject> {
    const auditTarget = refTarget(ref);
    return this.deps.audit.track(
      {
        action: 'secret-reveal',
        request: ctx.request,
        credentials: ctx.credentials,
        target: auditTarget,
        severity: 'high',
        summary: secret =>
          `revealed ${Object.keys(secretValues(secret)).length} values`,
      },
      async () => {
        // The kind first, so that a refused reveal's row names it too.
        const resolved = await this.deps.resources.target(
          ref.cluster,
          ref.resource,
        );
        auditTarget.kind = resolved.kind.kind;
        requirePerson(ctx.credentials, 'reveal secret values');
        const authz = await this.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          k8sOpsResourceReadPermission,
          k8sOpsSecretRevealPermission,
        ]);
        const { object, target } = await this.readable(ref, authz);
        if (!isSecret(object)) {
          throw new InputError(
            `${describeObject(
              target.kind,
              object,
            )} is not a Secret: only Secrets have values to reveal`,
          );
        }
        authz.assert(
          k8sOpsSecretRevealPermission,
          'reveal the values of',
          target,
          object,
        );
        return object;
      },
    );
  }

  /**
   * An object the person may read; anything else is answered as missing.
   * The authorization must have asked for cluster and resource reads.
   */
  async readable(
    ref: ObjectRef,
    authz: RequestAuthorization,
    options?: Options,
  ): Promise<{ object: KubeObject; target: Target }> {
    const cluster = await this.deps.registry.get(ref.cluster);
    const found = await this.deps.resources.get(ref, {
      impersonate:
        options?.impersonate ??
        (await this.impersonation(cluster, authz.credentials)),
    });
    if (!mayRead(authz, found.target, found.object)) {
      throw new NotFoundError(
        `${describeRef(found.target, ref)} not found on cluster '${
          cluster.name
        }'`,
      );
    }
    return found;
  }

  private async visibleCluster(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ClusterDefinition> {
    const cluster = await this.deps.registry.get(name);
    const authz = await this.authorize(credentials, [
      k8sOpsClusterReadPermission,
    ]);
    if (!authz.allowsCluster(k8sOpsClusterReadPermission, cluster)) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }

  private authorize(
    credentials: BackstageCredentials,
    permissions: Array<ResourcePermission<string>>,
  ) {
    return this.deps.authorizer.authorize(credentials, permissions);
  }

  private impersonation(
    cluster: ClusterDefinition,
    credentials: BackstageCredentials,
  ) {
    return this.deps.impersonator.impersonation(cluster, credentials);
  }
}

/**
 * Whether a person may read an object: they may see its cluster, and read
 * the object. A cluster they may not see hides every object on it.
 */
export function mayRead(
  authz: RequestAuthorization,
  place: ObjectPlace,
  object: KubeObject,
): boolean {
  return (
    authz.allowsCluster(k8sOpsClusterReadPermission, place.cluster) &&
    authz.allows(k8sOpsResourceReadPermission, place, object)
  );
}

/** The audit target of a request that names an object. */
export function refTarget(ref: ObjectRef): AuditTarget {
  return {
    cluster: ref.cluster,
    namespace: ref.namespace,
    kind: ref.resource,
    name: ref.name,
  };
}

/** `Deployment shop/web`, from what a request names. */
export function describeRef(target: Target, ref: ObjectRef) {
  const ns = target.kind.namespaced ? ref.namespace : undefined;
  return `${target.kind.kind} ${ns ? `${ns}/` : ''}${ref.name}`;
}

/** `deployments.v1.apps`: names exactly one kind of a cluster. */
export function qualifiedResource(kind: Target['kind']) {
  return kind.group
    ? `${kind.resource}.${kind.version}.${kind.group}`
    : kind.resource;
}

function secretValues(object: KubeObject): Record<string, string> {
  return (object as { data?: Record<string, string> }).data ?? {};
}
