import { z } from 'zod';
import { clusterName, dnsLabel } from '../clusters/schemas';

/** `deployments`, `deployment`, `deploy`, `deployments.apps`, `clonesets.apps.kruise.io`. */
const resource = z
  .string()
  .max(253)
  .regex(
    /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/,
    "must be a kind or resource name such as 'deployments' or 'clonesets.apps.kruise.io'",
  );

/** Object names: DNS subdomains, plus ':' used by RBAC objects. */
const objectName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/,
    'must be a Kubernetes object name (lowercase letters, digits, -, . and :)',
  );

export const kindParams = z.object({ cluster: clusterName, resource });
export const objectParams = kindParams.extend({ name: objectName });
export const clusterOnlyParams = z.object({ cluster: clusterName });

export const listQuery = z
  .object({
    namespace: dnsLabel.optional(),
    labelSelector: z.string().max(2000).optional(),
    fieldSelector: z.string().max(2000).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    continue: z.string().max(2000).optional(),
  })
  .strict();

export const objectQuery = z
  .object({ namespace: dnsLabel.optional() })
  .strict();

export const deleteQuery = objectQuery
  .extend({
    propagationPolicy: z
      .enum(['Foreground', 'Background', 'Orphan'])
      .optional(),
  })
  .strict();

/** Any Kubernetes object as a JSON body. */
export const kubeObject = z
  .object({
    apiVersion: z.string().min(1, 'is required'),
    kind: z.string().min(1, 'is required'),
    metadata: z
      .object({
        name: objectName,
        namespace: dnsLabel.optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const applyBody = z
  .object({
    object: kubeObject,
    dryRun: z.boolean().optional(),
    force: z.boolean().optional(),
  })
  .strict();

export const createBody = z
  .object({ object: kubeObject, dryRun: z.boolean().optional() })
  .strict();

export const patchBody = z
  .object({
    patch: z
      .record(z.string(), z.unknown())
      .refine(p => Object.keys(p).length > 0, 'must change at least one field'),
  })
  .strict();

export const scaleBody = z
  .object({ replicas: z.number().int().min(0).max(10_000) })
  .strict();

export const rollbackBody = z
  .object({ revision: z.number().int().min(1).optional() })
  .strict();

export const emptyBody = z.object({}).strict();

export const workloadsQuery = z
  .object({
    labelSelector: z.string().min(1, 'is required').max(2000),
    namespace: dnsLabel.optional(),
  })
  .strict();
