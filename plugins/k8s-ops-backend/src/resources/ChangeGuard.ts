import { NotAllowedError } from '@backstage/errors';
import { AuditedRequest, AuditLog, AuditTarget } from '../audit/AuditLog';
import { ClusterDefinition } from '../clusters/types';
import { requirePerson } from '../permissions/authorizeBasic';
import { Impersonator } from '../permissions/Impersonator';
import { Target } from './ResourceService';

/** How a change acts on a cluster: as the person, where the cluster asks. */
export type Impersonation = Awaited<ReturnType<Impersonator['impersonation']>>;

/** What an audited change is recorded as. */
export interface ChangeRecord<T> {
  /** Kebab-case action id, such as `resource-apply`. */
  action: string;
  dryRun?: boolean;
  /** The status a success answers; 200 unless given. */
  status?: number;
  /**
   * The object or place it concerns; its kind is set to the resolved one
   * unless `keepKind` is set.
   */
  target: AuditTarget;
  keepKind?: boolean;
  summary: (result: T) => string;
}

/**
 * The checks every change shares, run inside the audit trail: the kind is
 * resolved first so the row names it, then a person (not a service token)
 * is required and a read-only cluster refuses, before anything else.
 */
export class ChangeGuard {
  constructor(
    private readonly deps: {
      audit: AuditLog;
      impersonator: Impersonator;
      /** `k8sOps.readOnly`, for the reason of a refusal. */
      readOnly: boolean;
    },
  ) {}

  run<T>(
    ctx: AuditedRequest,
    record: ChangeRecord<T>,
    resolve: () => Promise<Target>,
    fn: (target: Target, impersonate: Impersonation) => Promise<T>,
  ): Promise<T> {
    return this.deps.audit.track(
      {
        action: record.action,
        dryRun: record.dryRun,
        status: record.status,
        request: ctx.request,
        credentials: ctx.credentials,
        target: record.target,
        summary: record.summary,
      },
      async () => {
        const target = await resolve();
        if (!record.keepKind) {
          record.target.kind = target.kind.kind;
        }
        requirePerson(ctx.credentials, 'change objects');
        this.assertWritable(target.cluster);
        const impersonate = await this.deps.impersonator.impersonation(
          target.cluster,
          ctx.credentials,
        );
        return fn(target, impersonate);
      },
    );
  }

  private assertWritable(cluster: ClusterDefinition) {
    if (!cluster.readOnly) {
      return;
    }
    throw new NotAllowedError(
      this.deps.readOnly
        ? `Cluster '${cluster.name}' is read-only: k8s-ops is read-only (k8sOps.readOnly) and refuses every change to every cluster`
        : `Cluster '${cluster.name}' is read-only: k8s-ops refuses every change to it`,
    );
  }
}
