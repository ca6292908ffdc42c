import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { environmentMapNames } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsCaller, objectLink, pathOf } from '../K8sOpsCaller';

/** `k8s-ops:envmap:apply`: variables into a ConfigMap and a Secret. */
export function createEnvMapApplyAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:envmap:apply',
    description:
      'Applies an environment map: sensitive variables (names with SECRET, KEY, PASSWORD, TOKEN...) go to the Secret <name>-secrets, the others to the ConfigMap <name>-config. Idempotent; a variable left out leaves the map.',
    supportsDryRun: true,
    examples: [
      {
        description: 'The environment of a service',
        example: `steps:
  - id: env
    action: k8s-ops:envmap:apply
    input:
      cluster: dev
      namespace: team-shop
      name: shop-api
      variables:
        LOG_LEVEL: info
        DATABASE_PASSWORD: \${{ secrets.dbPassword }}`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string(),
        namespace: z => z.string(),
        name: z =>
          z
            .string()
            .describe(
              'The map; its objects are <name>-config and <name>-secrets',
            ),
        variables: z => z.record(z.string(), z.string()),
        sensitivePatterns: z =>
          z
            .array(z.string())
            .optional()
            .describe('Parts of names that mark a value as sensitive'),
        dryRun: z => z.boolean().optional(),
      },
      output: {
        configMap: z => z.string(),
        secret: z => z.string(),
        url: z => z.string().describe('The ConfigMap in the portal'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, dryRun: askedDryRun, ...body } = ctx.input;
      await caller.call(
        await ctx.getInitiatorCredentials(),
        'POST',
        pathOf('clusters', cluster, 'namespaces', namespace, 'envmaps'),
        { ...body, dryRun: Boolean(ctx.isDryRun || askedDryRun) },
      );
      const names = environmentMapNames(body.name);
      ctx.output('configMap', names.configMap);
      ctx.output('secret', names.secret);
      ctx.output(
        'url',
        objectLink(caller, cluster, 'configmaps', namespace, names.configMap),
      );
    },
  });
}
