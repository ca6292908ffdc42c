import { z } from 'zod';
import { displayTextSchema, dnsLabelSchema, labelsSchema } from '../validation';

/** A DNS label: cluster, group and namespace names. */
const dnsLabel = dnsLabelSchema;

const labels = labelsSchema;

const title = z.string().min(1).max(255).pipe(displayTextSchema);

/** A pasted kubeconfig, checked in depth by the backend's parser. */
const kubeconfig = z
  .string()
  .min(1, 'paste a kubeconfig')
  .max(256 * 1024, 'is too large');

const params = z.object({ cluster: dnsLabel });

const contextsBody = z.object({ kubeconfig }).strict();

const registerBody = z
  .object({
    kubeconfig,
    /** The context to use; the current context if absent. */
    context: z.string().max(253).pipe(displayTextSchema).optional(),
    name: dnsLabel,
    title: title.optional(),
    group: dnsLabel.optional(),
    labels: labels.optional(),
    readOnly: z.boolean().optional(),
    impersonate: z.boolean().optional(),
  })
  .strict();

const updateBody = z
  .object({
    title: title.optional(),
    /** `null` takes the cluster out of its group. */
    group: dnsLabel.nullable().optional(),
    labels: labels.optional(),
    readOnly: z.boolean().optional(),
    impersonate: z.boolean().optional(),
  })
  .strict()
  .refine(
    body => Object.keys(body).length > 0,
    'change at least one of title, group, labels, readOnly, impersonate',
  );

const exportQuery = z
  .object({ includeCredentials: z.enum(['true', 'false']).optional() })
  .strict();

const exportedCluster = z
  .object({
    name: dnsLabel,
    title,
    // Checked by the server's URL policy when imported.
    url: z.string().max(2048),
    group: dnsLabel.optional(),
    labels,
    readOnly: z.boolean(),
    impersonate: z.boolean(),
    /** Only when asked for, and allowed to reveal secrets. */
    credentials: z
      .object({
        caData: z.string().optional(),
        token: z.string().optional(),
        clientCertData: z.string().optional(),
        clientKeyData: z.string().optional(),
        skipTLSVerify: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const importBody = z
  .object({
    clusters: z
      .array(exportedCluster)
      .min(1, 'import at least one cluster')
      .max(500),
  })
  .strict();

/**
 * The zod schemas of the cluster routes' requests, and the validators of a
 * cluster's fields (name, title, group, labels, kubeconfig) that other
 * requests reuse: the one place these rules are written.
 *
 * @public
 */
export const clusterSchemas = {
  /** A lowercase DNS label: cluster, group and namespace names. */
  dnsLabel,
  /** A cluster's name. */
  name: dnsLabel,
  title,
  /** A cluster group's name. */
  group: dnsLabel,
  labels,
  kubeconfig,
  /** Path parameters of `/clusters/:cluster/...`. */
  params,
  /** Body of `POST /clusters/contexts`. */
  contextsBody,
  /** Body of `POST /clusters`. */
  registerBody,
  /** Body of `PATCH /clusters/:cluster`. */
  updateBody,
  /** Query of `GET /clusters/export`. */
  exportQuery,
  /** One cluster of an export or an import. */
  exportedCluster,
  /** Body of `POST /clusters/import`. */
  importBody,
};

/**
 * Body of `POST /clusters`: a cluster registered from a pasted kubeconfig.
 *
 * @public
 */
export type RegisterClusterRequest = z.input<typeof registerBody>;

/**
 * Body of `PATCH /clusters/:cluster`.
 *
 * @public
 */
export type UpdateClusterRequest = z.input<typeof updateBody>;

/**
 * Body of `POST /clusters/contexts`.
 *
 * @public
 */
export type KubeconfigContextsRequest = z.input<typeof contextsBody>;

/**
 * Query of `GET /clusters/export`.
 *
 * @public
 */
export type ClusterExportQuery = z.input<typeof exportQuery>;

/**
 * A registered cluster as exported; credentials only when asked and allowed.
 *
 * @public
 */
export type ExportedCluster = z.infer<typeof exportedCluster>;

/**
 * Answer of `GET /clusters/export` and body of `POST /clusters/import`.
 *
 * @public
 */
export type ClusterExport = z.infer<typeof importBody>;
