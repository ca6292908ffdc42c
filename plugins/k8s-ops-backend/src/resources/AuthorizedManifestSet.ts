import { InputError } from '@backstage/errors';
import {
  AppliedManifest,
  k8sOpsClusterReadPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceReadPermission,
  k8sOpsResourceUpdatePermission,
  KubeObject,
  unifiedDiff,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditTarget } from '../audit/AuditLog';
import { isSecret, refuseMasked } from '../permissions/maskSecret';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { ChangeGuard } from './ChangeGuard';
import { checkedApply } from './checkedApply';
import { objectYaml } from './objectYaml';
import { ResourceService } from './ResourceService';

/** How a set of objects applied together is audited. */
export interface ManifestSetRecord {
  /** Kebab-case action id, such as `namespace-provision`. */
  action: string;
  /** What the row names; the cluster is the set's. */
  target: Omit<AuditTarget, 'cluster'>;
  summary?: (applied: AppliedManifest[]) => string;
}

/**
 * Applies a set of objects to one cluster as one audited change: server
 * side, under the portal's field manager, as the person, each object
 * checked against the resource permissions as it is and as it would
 * become. Namespaces go first. A dry run answers each object with its diff
 * against the live one; objects in a namespace the set would create are
 * shown whole, since the server cannot preview them yet.
 */
export class AuthorizedManifestSet {
  constructor(
    private readonly deps: {
      resources: ResourceService;
      authorizer: RequestAuthorizer;
      guard: ChangeGuard;
    },
  ) {}

  async apply(
    clusterName: string,
    objects: KubeObject[],
    options: { dryRun?: boolean },
    record: ManifestSetRecord,
    ctx: AuditedRequest,
  ): Promise<AppliedManifest[]> {
    if (objects.length === 0) {
      throw new InputError('There is nothing to apply');
    }
    const ordered = [...objects].sort(
      (a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'),
    );
    return this.deps.guard.run(
      ctx,
      {
        action: record.action,
        dryRun: options.dryRun,
        target: { ...record.target, cluster: clusterName },
        keepKind: true,
        summary: applied =>
          record.summary?.(applied) ?? describeApplied(applied),
      },
      () => this.deps.resources.targetOf(clusterName, ordered[0]),
      async (_first, impersonate) => {
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          k8sOpsResourceReadPermission,
          k8sOpsResourceCreatePermission,
          k8sOpsResourceUpdatePermission,
        ]);
        const newNamespaces = new Set<string>();
        const applied: AppliedManifest[] = [];
        for (const object of ordered) {
          refuseMasked(object);
          const target = await this.deps.resources.targetOf(
            clusterName,
            object,
          );
          const namespace = target.kind.namespaced
            ? object.metadata?.namespace
            : undefined;
          if (options.dryRun && namespace && newNamespaces.has(namespace)) {
            applied.push(
              entry(object, namespace, {
                created: true,
                diff: isSecret(object)
                  ? ''
                  : unifiedDiff('', objectYaml(object), {
                      before: '(none)',
                      after: 'applied (dry run)',
                    }),
              }),
            );
            continue;
          }
          const result = await checkedApply(
            this.deps.resources,
            authz,
            target,
            object,
            { dryRun: options.dryRun, impersonate },
          );
          if (object.kind === 'Namespace' && result.created) {
            newNamespaces.add(object.metadata?.name ?? '');
          }
          applied.push(entry(object, namespace, result));
        }
        return applied;
      },
    );
  }
}

function entry(
  object: KubeObject,
  namespace: string | undefined,
  result: { created: boolean; diff: string },
): AppliedManifest {
  return {
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
    namespace,
    name: object.metadata?.name ?? '',
    created: result.created,
    diff: result.diff,
  };
}

function describeApplied(applied: AppliedManifest[]): string {
  const created = applied.filter(a => a.created).length;
  const changed = applied.filter(a => !a.created && a.diff).length;
  return `${applied.length} objects: ${created} created, ${changed} changed`;
}
