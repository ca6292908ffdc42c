import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ApplyResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsCaller, objectLink, pathOf } from '../K8sOpsCaller';

/** `k8s-ops:apply`: raw manifests, applied server side one by one. */
export function createApplyAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:apply',
    description:
      'Applies Kubernetes objects server side through k8s-ops, each checked against the resource permissions of the person running the template and audited.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Apply a ConfigMap',
        example: `steps:
  - id: apply
    action: k8s-ops:apply
    input:
      cluster: dev
      manifests:
        - apiVersion: v1
          kind: ConfigMap
          metadata: { name: shop-flags, namespace: team-shop }
          data: { checkout: 'on' }`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string(),
        manifests: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .min(1)
            .describe('The objects to apply'),
        dryRun: z => z.boolean().optional(),
      },
      output: {
        applied: z =>
          z.array(
            z.object({
              kind: z.string(),
              name: z.string(),
              namespace: z.string().optional(),
              url: z.string(),
              diff: z.string(),
            }),
          ),
      },
    },
    async handler(ctx) {
      const { cluster, manifests } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = Boolean(ctx.isDryRun || ctx.input.dryRun);
      const applied = [];
      for (const object of manifests) {
        const answer = await caller.call<ApplyResponse>(
          credentials,
          'POST',
          pathOf('clusters', cluster, 'apply'),
          { object, dryRun },
        );
        const { kind = '', metadata } = answer.object;
        const resource = `${kind.toLowerCase()}s`;
        applied.push({
          kind,
          name: metadata.name ?? '',
          namespace: metadata.namespace,
          url: objectLink(
            caller,
            cluster,
            resource,
            metadata.namespace,
            metadata.name ?? '',
          ),
          diff: answer.diff,
        });
      }
      ctx.output('applied', applied);
    },
  });
}
