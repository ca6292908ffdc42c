import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { K8sOpsCaller, pathOf } from '../K8sOpsCaller';

/** `k8s-ops:infra:scan`: finds the infrastructure services a cluster runs. */
export function createInfraScanAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:infra:scan',
    description:
      'Scans a namespace, or every namespace, of a cluster for infrastructure services (databases, caches, queues...) and answers what was found.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Scan the team namespace',
        example: `steps:
  - id: scan
    action: k8s-ops:infra:scan
    input:
      cluster: dev
      namespace: team-shop`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string(),
        namespace: z => z.string().optional(),
        allNamespaces: z => z.boolean().optional(),
      },
      output: {
        result: z => z.unknown().describe('What the scan found'),
        url: z => z.string().describe('The scan page of the portal'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, allNamespaces } = ctx.input;
      ctx.output('url', caller.link('/k8s-ops'));
      if (ctx.isDryRun) {
        // A scan reads, but it stores its result; a dry run leaves it be.
        ctx.output('result', {});
        return;
      }
      ctx.output(
        'result',
        await caller.call<object>(
          await ctx.getInitiatorCredentials(),
          'POST',
          pathOf('clusters', cluster, 'infra-scan'),
          allNamespaces ? { allNamespaces: true } : { namespace },
        ),
      );
    },
  });
}
