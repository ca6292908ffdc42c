import { z } from 'zod';
import { dnsLabelSchema } from '../validation';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

const dnsLabel = dnsLabelSchema;

const scanBody = z
  .object({
    namespace: dnsLabel.optional(),
    allNamespaces: z.literal(true).optional(),
  })
  .strict()
  .refine(
    body => Boolean(body.namespace) !== Boolean(body.allNamespaces),
    'give either a namespace or allNamespaces: true',
  );

const scansQuery = z
  .object({
    cluster: dnsLabel.optional(),
    namespace: dnsLabel.optional(),
    /** Only the scans of every namespace. */
    allNamespaces: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** A Kubernetes quantity: `500m`, `2`, `1.5Gi`. */
const quantity = z
  .string()
  .max(64)
  .regex(
    /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
    "must be a Kubernetes quantity such as '500m', '2' or '1Gi'",
  );

/**
 * A record whose keys are checked one by one, each problem named with its
 * key (zod's own record only says that some key is invalid).
 */
function checkedRecord<V extends z.ZodTypeAny>(
  key: { pattern: RegExp; message: string },
  value: V,
) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const name of Object.keys(record)) {
      if (name.length > 253 || !key.pattern.test(name)) {
        ctx.addIssue({ code: 'custom', message: key.message, path: [name] });
      }
    }
  });
}

/** `requests.cpu`, `limits.memory`, `pods`, `count/deployments.apps`. */
const quotaKey = {
  pattern: /^[a-z0-9]([-a-z0-9./]*[a-z0-9])?$/,
  message: "must be a resource name such as 'requests.cpu' or 'pods'",
};

const podSecurityLevel = z.enum(['privileged', 'baseline', 'restricted']);

const resourceAmounts = z
  .object({ cpu: quantity.optional(), memory: quantity.optional() })
  .strict();

const policyRule = z
  .object({
    apiGroups: z.array(z.string().max(253)).max(50).default(['']),
    resources: z.array(z.string().min(1).max(253)).min(1).max(50),
    verbs: z
      .array(
        z.enum([
          'get',
          'list',
          'watch',
          'create',
          'update',
          'patch',
          'delete',
          'deletecollection',
          '*',
        ]),
      )
      .min(1),
    resourceNames: z.array(resourceSchemas.objectName).max(50).optional(),
  })
  .strict();

const provisionBody = z
  .object({
    name: dnsLabel,
    podSecurity: z
      .object({
        enforce: podSecurityLevel.optional(),
        warn: podSecurityLevel.optional(),
        audit: podSecurityLevel.optional(),
      })
      .strict()
      .optional(),
    /** `spec.hard` of a ResourceQuota: `{ "requests.cpu": "4", pods: "20" }`. */
    quota: checkedRecord(quotaKey, quantity)
      .refine(
        q => Object.keys(q).length > 0,
        'must limit at least one resource',
      )
      .optional(),
    /** A LimitRange of containers. */
    limits: z
      .object({
        default: resourceAmounts.optional(),
        defaultRequest: resourceAmounts.optional(),
        max: resourceAmounts.optional(),
        min: resourceAmounts.optional(),
      })
      .strict()
      .refine(
        l => Object.values(l).some(v => v && Object.keys(v).length > 0),
        'must set at least one of default, defaultRequest, max, min',
      )
      .optional(),
    /** Deny ingress by default, allow it from the namespace itself. */
    networkPolicy: z.boolean().optional(),
    serviceAccount: z
      .object({
        name: dnsLabel,
        rules: z.array(policyRule).max(50).default([]),
      })
      .strict()
      .optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** A variable name a ConfigMap or Secret accepts as a key. */
const variableKey = {
  pattern: /^[-._a-zA-Z0-9]+$/,
  message: 'must be letters, digits, -, _ and . (a ConfigMap or Secret key)',
};
const variableName = z
  .string()
  .min(1)
  .max(253)
  .regex(variableKey.pattern, variableKey.message);

/** Leaves room for `-config` and `-secrets` within 63 characters. */
const envMapName = dnsLabel.refine(
  name => name.length <= 55,
  'must be at most 55 characters (the Secret is named <name>-secrets)',
);

const envMapParams = clusterSchemas.params.extend({ namespace: dnsLabel });

const envMapObjectParams = envMapParams.extend({ name: envMapName });

const envMapBody = z
  .object({
    name: envMapName,
    variables: checkedRecord(variableKey, z.string().max(256 * 1024)).refine(
      v => Object.keys(v).length <= 500,
      'at most 500 variables',
    ),
    /** Replaces the default sensitive patterns for this call. */
    sensitivePatterns: z.array(z.string().min(1).max(64)).max(50).optional(),
    /** Per variable: `true` sends it to the Secret, `false` to the ConfigMap. */
    sensitive: checkedRecord(variableKey, z.boolean()).optional(),
    /**
     * Secret variables kept with their current values, which the caller
     * saw hidden; a name also in `variables` takes the new value.
     */
    keep: z.array(variableName).max(500).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/**
 * The zod schemas of the infrastructure scan, namespace provisioning and
 * environment map routes.
 *
 * @public
 */
export const infraSchemas = {
  /** Body of `POST /clusters/:cluster/infra-scan`. */
  scanBody,
  /** Query of `GET /infra-scans`. */
  scansQuery,
  /** Body of `POST /clusters/:cluster/namespaces`. */
  provisionBody,
  /** Path parameters of `/clusters/:cluster/namespaces/:namespace/envmaps`. */
  envMapParams,
  /** Path parameters of `.../envmaps/:name`. */
  envMapObjectParams,
  /** Body of `POST /clusters/:cluster/namespaces/:namespace/envmaps`. */
  envMapBody,
};

/**
 * Body of `POST /clusters/:cluster/infra-scan`.
 * @public
 */
export type InfraScanRequest = z.input<typeof scanBody>;

/**
 * Body of `POST /clusters/:cluster/namespaces`.
 * @public
 */
export type NamespaceProvisionRequest = z.input<typeof provisionBody>;

/**
 * Body of `POST /clusters/:cluster/namespaces/:namespace/envmaps`.
 * @public
 */
export type EnvMapRequest = z.input<typeof envMapBody>;
