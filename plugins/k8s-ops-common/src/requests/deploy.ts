import { z } from 'zod';
import { dnsLabelSchema, labelValueProblem } from '../validation';

const dnsLabel = dnsLabelSchema;

/** A CPU or memory quantity such as `250m`, `1`, `512Mi`. */
const quantity = z
  .string()
  .max(32)
  .regex(
    /^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/,
    'must be a quantity like 250m, 1 or 512Mi',
  );

const amounts = z
  .object({ cpu: quantity.optional(), memory: quantity.optional() })
  .strict();

const resources = z
  .object({ requests: amounts.optional(), limits: amounts.optional() })
  .strict();

const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name like API_URL');

const variables = z
  .record(variableName, z.string().max(64 * 1024))
  .refine(v => Object.keys(v).length <= 500, 'at most 500 variables');

const runId = z
  .string()
  .min(1)
  .max(63)
  .refine(
    v => !labelValueProblem(v),
    'must be a label value (letters, digits, -, _ and ., at most 63)',
  );

const deployOptions = z
  .object({
    replicas: z.number().int().min(0).max(1000).optional(),
    exposure: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
    resources: resources.optional(),
    imagePullSecret: dnsLabel.optional(),
    healthCheckPath: z
      .string()
      .max(1024)
      .regex(/^\/\S*$/, 'must be an HTTP path starting with /')
      .optional(),
    name: dnsLabel.optional(),
    kubernetesId: runId.optional(),
  })
  .strict();

const deployBody = z
  .object({
    namespace: dnsLabel,
    /** The Compose file, as YAML text. */
    compose: z
      .string()
      .min(1, 'paste a Compose file')
      .max(256 * 1024, 'is too large'),
    /** The service to deploy; needed when the file has several. */
    service: z.string().min(1).max(253).optional(),
    variables: variables.optional(),
    options: deployOptions.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

const deployParams = z.object({ id: z.uuid('must be a deploy id') });

const deployListQuery = z
  .object({
    cluster: dnsLabel.optional(),
    namespace: dnsLabel.optional(),
    service: z.string().max(253).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

const deployRollbackBody = z
  .object({ dryRun: z.boolean().optional() })
  .strict();

const jobBody = z
  .object({
    namespace: dnsLabel,
    image: z.string().min(1, 'is required').max(1024),
    /** The Job's name; `<runId or job>-<random>` unless given. */
    name: dnsLabel.optional(),
    command: z
      .array(z.string().max(64 * 1024))
      .max(100)
      .optional(),
    args: z
      .array(z.string().max(64 * 1024))
      .max(100)
      .optional(),
    env: variables.optional(),
    resources: resources.optional(),
    ttlSecondsAfterFinished: z
      .number()
      .int()
      .min(0)
      .max(30 * 86400)
      .optional(),
    backoffLimit: z.number().int().min(0).max(10).optional(),
    runId: runId.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

const jobListQuery = z
  .object({
    cluster: dnsLabel,
    namespace: dnsLabel.optional(),
    runId: runId.optional(),
  })
  .strict();

const jobParams = z.object({
  cluster: dnsLabel,
  namespace: dnsLabel,
  name: dnsLabel,
});

/**
 * The zod schemas of the deploy and job routes' requests.
 *
 * @public
 */
export const deploySchemas = {
  /** Body of `POST /clusters/:cluster/deploy`. */
  deployBody,
  /** `options` of a deploy. */
  deployOptions,
  /** Path parameters of `/deploys/:id`. */
  deployParams,
  /** Query of `GET /deploys`. */
  deployListQuery,
  /** Body of `POST /deploys/:id/rollback`. */
  deployRollbackBody,
  /** Body of `POST /clusters/:cluster/jobs`. */
  jobBody,
  /** Query of `GET /jobs`. */
  jobListQuery,
  /** Path parameters of `/jobs/:cluster/:namespace/:name`. */
  jobParams,
};

/**
 * Body of `POST /clusters/:cluster/deploy`.
 *
 * @public
 */
export type DeployRequest = z.input<typeof deployBody>;

/**
 * Body of `POST /clusters/:cluster/jobs`.
 *
 * @public
 */
export type JobRequest = z.input<typeof jobBody>;
