import { z } from 'zod';
import { clusterSchemas } from './clusters';

const { dnsLabel } = clusterSchemas;

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

const selector = z.string().max(2000);

const kindParams = clusterSchemas.params.extend({ resource });
const objectParams = kindParams.extend({ name: objectName });

const listQuery = z
  .object({
    namespace: dnsLabel.optional(),
    labelSelector: selector.optional(),
    fieldSelector: selector.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    /** The `continue` of the previous page. */
    continue: z.string().max(2000).optional(),
    /** Only objects whose name holds this text, in any case. */
    name: z.string().max(253).optional(),
    /** The order of the whole list; namespace, then name, by default. */
    sortBy: z.enum(['namespace', 'name', 'age']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    /**
     * `summary`: each object with only what a table shows (no annotations,
     * no pod template beyond images, no ConfigMap values); `full` by default.
     */
    view: z.enum(['summary', 'full']).optional(),
  })
  .strict();

const objectQuery = z.object({ namespace: dnsLabel.optional() }).strict();

const deleteQuery = objectQuery
  .extend({
    propagationPolicy: z
      .enum(['Foreground', 'Background', 'Orphan'])
      .optional(),
  })
  .strict();

/** Any Kubernetes object as a JSON body. */
const kubeObject = z
  .object({
    apiVersion: z.string().min(1, 'is required'),
    kind: z.string().min(1, 'is required'),
    metadata: z
      .object({ name: objectName, namespace: dnsLabel.optional() })
      .passthrough(),
  })
  .passthrough();

const applyBody = z
  .object({
    object: kubeObject,
    /** Change nothing; answer what would change. */
    dryRun: z.boolean().optional(),
    /** Take over fields another field manager owns. */
    force: z.boolean().optional(),
  })
  .strict();

const createBody = z
  .object({ object: kubeObject, dryRun: z.boolean().optional() })
  .strict();

const patchBody = z
  .object({
    /** A JSON merge patch. */
    patch: z
      .record(z.string(), z.unknown())
      .refine(p => Object.keys(p).length > 0, 'must change at least one field'),
  })
  .strict();

const scaleBody = z
  .object({ replicas: z.number().int().min(0).max(10_000) })
  .strict();

const rollbackBody = z
  .object({
    /** The revision to go back to; the previous one if absent. */
    revision: z.number().int().min(1).optional(),
  })
  .strict();

const emptyBody = z.object({}).strict();

const workloadsQuery = z
  .object({
    labelSelector: selector.min(1, 'is required'),
    namespace: dnsLabel.optional(),
    /**
     * `summary`: each object with only what an entity's tab shows (no
     * annotations, no pod template beyond images, no ConfigMap values).
     */
    view: z.enum(['summary', 'full']).optional(),
  })
  .strict();

/**
 * The zod schemas of the resource routes' requests
 * (`/clusters/:cluster/resources/...`, `/clusters/:cluster/apply`,
 * `/workloads`), and the validators of their fields.
 *
 * @public
 */
export const resourceSchemas = {
  /** A kind or resource name as a person types it. */
  resource,
  /** A Kubernetes object name. */
  objectName,
  /** A label or field selector. */
  selector,
  /** Path parameters of `/clusters/:cluster/resources/:resource`. */
  kindParams,
  /** Path parameters of `/clusters/:cluster/resources/:resource/:name`. */
  objectParams,
  /** Query of `GET /clusters/:cluster/resources/:resource`. */
  listQuery,
  /** Query of every route of one object. */
  objectQuery,
  /** Query of `DELETE /clusters/:cluster/resources/:resource/:name`. */
  deleteQuery,
  /** Any Kubernetes object as a JSON body. */
  kubeObject,
  /** Body of `POST /clusters/:cluster/apply`. */
  applyBody,
  /** Body of `POST /clusters/:cluster/resources`. */
  createBody,
  /** Body of `PATCH /clusters/:cluster/resources/:resource/:name`. */
  patchBody,
  /** Body of `POST .../:name/scale`. */
  scaleBody,
  /** Body of `POST .../:name/rollback`. */
  rollbackBody,
  /** Body of `POST .../:name/restart` and `POST .../:name/reveal`. */
  emptyBody,
  /** Query of `GET /workloads`. */
  workloadsQuery,
};

/**
 * Query of a list of objects of one kind.
 *
 * @public
 */
export type ResourceListQuery = z.infer<typeof listQuery>;

/**
 * Query of `DELETE /clusters/:cluster/resources/:resource/:name`, without
 * the namespace, which the object's ref carries.
 *
 * @public
 */
export type DeleteResourceOptions = Omit<
  z.infer<typeof deleteQuery>,
  'namespace'
>;

/**
 * Body of `POST /clusters/:cluster/apply` (server-side apply).
 *
 * @public
 */
export type ApplyResourceRequest = z.input<typeof applyBody>;

/**
 * Body of `POST /clusters/:cluster/resources`.
 *
 * @public
 */
export type CreateResourceRequest = z.input<typeof createBody>;

/**
 * Body of `PATCH /clusters/:cluster/resources/:resource/:name`.
 *
 * @public
 */
export type PatchResourceRequest = z.input<typeof patchBody>;

/**
 * Body of `POST .../:name/scale`.
 *
 * @public
 */
export type ScaleRequest = z.input<typeof scaleBody>;

/**
 * Body of `POST .../:name/rollback`.
 *
 * @public
 */
export type RollbackRequest = z.input<typeof rollbackBody>;

/**
 * Query of `GET /workloads`: an entity's workloads on every cluster.
 *
 * @public
 */
export type WorkloadsQuery = z.infer<typeof workloadsQuery>;
