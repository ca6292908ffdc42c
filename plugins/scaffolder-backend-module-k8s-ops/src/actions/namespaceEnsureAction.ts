import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { K8sOpsCaller, objectLink, pathOf } from '../K8sOpsCaller';

/** `k8s-ops:namespace:ensure`: makes a namespace, or brings it to what is asked. */
export function createNamespaceEnsureAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:namespace:ensure',
    description:
      'Ensures a namespace exists on a cluster, labelled as managed by k8s-ops, with optional Pod Security Standards labels, ResourceQuota, LimitRange, NetworkPolicy and a ServiceAccount with its Role and RoleBinding. Idempotent.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'A team namespace with the restricted pod security level and a quota',
        example: `steps:
  - id: namespace
    action: k8s-ops:namespace:ensure
    input:
      cluster: dev
      name: team-shop
      podSecurity: restricted
      quota:
        cpu: '4'
        memory: 8Gi
        pods: 50`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string().describe('The k8s-ops cluster'),
        name: z => z.string().describe('The namespace'),
        podSecurity: z =>
          z
            .enum(['privileged', 'baseline', 'restricted'])
            .optional()
            .describe('Pod Security Standards level'),
        quota: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('ResourceQuota amounts'),
        limits: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('LimitRange defaults'),
        networkPolicy: z =>
          z.unknown().optional().describe('A NetworkPolicy preset or spec'),
        serviceAccount: z =>
          z.unknown().optional().describe('A ServiceAccount with its Role'),
        dryRun: z => z.boolean().optional(),
      },
      output: {
        namespace: z => z.string(),
        url: z => z.string().describe('The namespace in the portal'),
        result: z => z.unknown().describe('The answer of k8s-ops'),
      },
    },
    async handler(ctx) {
      const { cluster, dryRun: askedDryRun, ...body } = ctx.input;
      const result = await caller.call<object>(
        await ctx.getInitiatorCredentials(),
        'POST',
        pathOf('clusters', cluster, 'namespaces'),
        { ...body, dryRun: Boolean(ctx.isDryRun || askedDryRun) },
      );
      ctx.output('namespace', body.name);
      ctx.output(
        'url',
        objectLink(caller, cluster, 'namespaces', undefined, body.name),
      );
      ctx.output('result', result);
    },
  });
}
