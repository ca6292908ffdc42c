import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { KindDescriptor, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { isDeepStrictEqual } from 'node:util';
import {
  assertWritable,
  namespaceFor,
  ObjectRef,
  pathOf,
  ResourceRequestOptions,
  sendPatch,
  Target,
} from './targets';

/** A pod template, as a workload and its revisions hold it. */
type PodTemplate = {
  metadata?: { labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
};

/** One revision of a workload: its number and the pod template it ran. */
export interface WorkloadRevision {
  revision: number;
  template: PodTemplate;
}

/**
 * Rollouts of Deployments, StatefulSets and DaemonSets: restart (as
 * `kubectl rollout restart`), the revisions a workload kept, and rollback
 * to one of them.
 */
export class WorkloadRollouts {
  constructor(
    private readonly deps: {
      /** `k8sOps.readOnly`: refuse every mutation on every cluster. */
      readOnly: boolean;
    },
  ) {}

  /** Rolls a workload's pods, as `kubectl rollout restart` does. */
  async restart(
    target: Target,
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<KubeObject> {
    assertWorkload(target.kind, 'restarted');
    assertWritable(target.cluster, this.deps.readOnly);
    const restartedAt = new Date().toISOString();
    return sendPatch(
      target,
      pathOf(target, ref),
      {
        contentType: 'application/merge-patch+json',
        body: {
          spec: {
            template: {
              metadata: {
                annotations: {
                  'kubectl.kubernetes.io/restartedAt': restartedAt,
                },
              },
            },
          },
        },
      },
      options,
    );
  }

  /**
   * Rolls a workload back to a previous revision (the one before the
   * current, unless a revision is given): its pod template becomes exactly
   * that revision's. A revision whose template already runs is a conflict,
   * since nothing would change.
   */
  async rollback(
    target: Target,
    ref: ObjectRef,
    revision: number | undefined,
    options: ResourceRequestOptions = {},
  ): Promise<{ revision: number }> {
    assertWorkload(target.kind, 'rolled back');
    assertWritable(target.cluster, this.deps.readOnly);
    const namespace = namespaceFor(target.kind, ref.namespace)!;
    const path = pathOf(target, ref);
    const described = `${target.kind.kind} ${namespace}/${ref.name}`;
    const workload = await target.client.request<KubeObject>(path, {
      impersonate: options.impersonate,
    });
    const revisions = await this.revisions(target, workload, options);
    if (revisions.length < 2 && revision === undefined) {
      throw new InputError(
        `${described} has no previous revision to roll back to`,
      );
    }
    const chosen =
      revision === undefined
        ? revisions[revisions.length - 2]
        : revisions.find(r => r.revision === revision);
    if (!chosen) {
      throw new NotFoundError(
        `${described} has no revision ${revision}; it has ${revisions
          .map(r => r.revision)
          .join(', ')}`,
      );
    }
    const live = (workload.spec as { template?: PodTemplate } | undefined)
      ?.template;
    if (isDeepStrictEqual(withoutHash(live), chosen.template)) {
      throw new ConflictError(
        `${described} already runs revision ${chosen.revision}'s template`,
      );
    }
    // The whole template is replaced, so that nothing of the current one
    // (such as the annotation of a restart) outlives the rollback.
    await sendPatch(
      target,
      path,
      {
        contentType: 'application/json-patch+json',
        body: [
          { op: 'replace', path: '/spec/template', value: chosen.template },
        ],
      },
      options,
    );
    return { revision: chosen.revision };
  }

  /**
   * The revisions a workload kept, oldest first: its ReplicaSets for a
   * Deployment, its ControllerRevisions otherwise.
   */
  async revisions(
    target: Target,
    workload: KubeObject,
    options: ResourceRequestOptions = {},
  ): Promise<WorkloadRevision[]> {
    const namespace = encodeURIComponent(workload.metadata.namespace!);
    const ownedBy = (o: KubeObject) =>
      o.metadata.ownerReferences?.some(r => r.uid === workload.metadata.uid);
    let revisions: WorkloadRevision[];
    if (target.kind.kind === 'Deployment') {
      const sets = await target.client.request<{ items: KubeObject[] }>(
        `/apis/apps/v1/namespaces/${namespace}/replicasets`,
        { impersonate: options.impersonate },
      );
      revisions = sets.items.filter(ownedBy).map(rs => ({
        revision: Number(
          rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0,
        ),
        template: withoutHash(
          (rs.spec as { template?: PodTemplate } | undefined)?.template,
        ),
      }));
    } else {
      const list = await target.client.request<{
        items: Array<
          KubeObject & {
            revision: number;
            data?: { spec?: { template?: PodTemplate } };
          }
        >;
      }>(`/apis/apps/v1/namespaces/${namespace}/controllerrevisions`, {
        impersonate: options.impersonate,
      });
      revisions = list.items.filter(ownedBy).map(r => {
        // The data is a strategic merge patch that replaces the template.
        const { $patch: _replace, ...template } = r.data?.spec?.template ?? {};
        return { revision: r.revision, template: withoutHash(template) };
      });
    }
    return revisions.sort((a, b) => a.revision - b.revision);
  }
}

/**
 * A pod template without the label the Deployment controller adds to its
 * ReplicaSets' templates (the Deployment's own template never has it).
 */
function withoutHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  delete copy.metadata?.labels?.['pod-template-hash'];
  return copy;
}

function assertWorkload(kind: KindDescriptor, what: string) {
  if (
    !(
      kind.group === 'apps' &&
      ['Deployment', 'StatefulSet', 'DaemonSet'].includes(kind.kind)
    )
  ) {
    throw new InputError(
      `Only Deployments, StatefulSets and DaemonSets can be ${what}, not ${kind.kind}`,
    );
  }
}
