import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeployRecord, DeployResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsCaller, objectLink, pathOf, pause } from '../K8sOpsCaller';

const WAIT_INTERVAL_MS = 2000;

/** `k8s-ops:deploy`: deploys one service of a Compose file. */
export function createDeployAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:deploy',
    description:
      'Deploys a Docker Compose service to a Kubernetes cluster through k8s-ops, as the person running the template: a Deployment, a Service, and the environment as a ConfigMap and a Secret, applied server side. Waits until the rollout is available or fails, unless told not to.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Deploy the api service of a Compose file, resolving its variables',
        example: `steps:
  - id: deploy
    action: k8s-ops:deploy
    input:
      cluster: dev
      namespace: team-shop
      compose: \${{ parameters.compose }}
      service: api
      variables:
        PORT: '8080'
      options:
        replicas: 2
        exposure: ClusterIP
        kubernetesId: \${{ parameters.name }}`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string().describe('The k8s-ops cluster'),
        namespace: z => z.string().describe('The namespace; made if missing'),
        compose: z => z.string().describe('The Compose file, as YAML text'),
        service: z =>
          z
            .string()
            .optional()
            .describe('The service; needed when the file has several'),
        variables: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('Values of ${VAR} references'),
        options: z =>
          z
            .object({
              replicas: z.number().int().optional(),
              exposure: z
                .enum(['ClusterIP', 'NodePort', 'LoadBalancer'])
                .optional(),
              healthCheckPath: z.string().optional(),
              imagePullSecret: z.string().optional(),
              name: z.string().optional(),
              kubernetesId: z.string().optional(),
            })
            .optional()
            .describe(
              'Replicas, exposure, health-check path, pull secret, name, catalog id',
            ),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe('Wait for the rollout; true unless false'),
        dryRun: z =>
          z
            .boolean()
            .optional()
            .describe('Only preview the manifests and their diff'),
      },
      output: {
        deployId: z =>
          z.string().optional().describe('The deploy, in the history'),
        name: z => z.string().describe('The Deployment'),
        status: z =>
          z.string().describe('progressing, available, failed, or dry-run'),
        reason: z => z.string().optional(),
        url: z => z.string().describe('The Deployment in the portal'),
        manifests: z =>
          z
            .string()
            .optional()
            .describe('On a dry run: each object and its diff'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, compose, service, variables, options } =
        ctx.input;
      const dryRun = Boolean(ctx.isDryRun || ctx.input.dryRun);
      const credentials = await ctx.getInitiatorCredentials();
      const answer = await caller.call<DeployResponse>(
        credentials,
        'POST',
        `${pathOf('clusters', cluster, 'deploy')}`,
        { namespace, compose, service, variables, options, dryRun },
      );
      const url = objectLink(
        caller,
        cluster,
        'deployments.apps',
        namespace,
        answer.name,
      );
      ctx.output('name', answer.name);
      ctx.output('url', url);
      if (!answer.id) {
        ctx.logger.info(
          `Dry run: ${answer.applied.length} objects would be applied`,
        );
        ctx.output('status', 'dry-run');
        ctx.output(
          'manifests',
          answer.applied
            .map(
              a =>
                `${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name}\n${
                  a.diff
                }`,
            )
            .join('\n'),
        );
        return;
      }
      ctx.output('deployId', answer.id);
      ctx.logger.info(
        `Deploy ${answer.id}: ${answer.applied.length} objects applied`,
      );
      let record = await caller.call<DeployRecord>(
        credentials,
        'GET',
        pathOf('deploys', answer.id),
      );
      while (ctx.input.wait !== false && record.status === 'progressing') {
        await pause(WAIT_INTERVAL_MS, ctx.signal);
        record = await caller.call<DeployRecord>(
          credentials,
          'GET',
          pathOf('deploys', answer.id),
        );
      }
      ctx.output('status', record.status);
      if (record.reason) {
        ctx.output('reason', record.reason);
      }
      if (record.status === 'failed') {
        throw new Error(
          `The deploy of ${answer.name} failed: ${
            record.reason ?? 'no reason given'
          }`,
        );
      }
      ctx.logger.info(`${answer.name}: ${record.reason ?? record.status}`);
    },
  });
}
