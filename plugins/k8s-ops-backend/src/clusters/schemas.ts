import {
  displayTextSchema,
  dnsLabelSchema,
  labelsSchema,
} from '@k8s-ops/plugin-k8s-ops-common';
import { z } from 'zod';
import {
  base64PemSchema,
  bearerTokenSchema,
  KubeconfigPolicy,
  skipTlsVerifySchema,
} from './kubeconfigSchema';
import { serverUrlSchema } from './serverUrlPolicy';

/** A DNS label: cluster, group and namespace names. */
export const dnsLabel = dnsLabelSchema;

export const clusterName = dnsLabel;

export const clusterParams = z.object({ cluster: clusterName });

const labels = labelsSchema;

const title = z.string().min(1).max(255).pipe(displayTextSchema);
const group = dnsLabel;

/** A pasted kubeconfig, checked in depth by parseKubeconfig. */
const kubeconfig = z
  .string()
  .min(1, 'paste a kubeconfig')
  .max(256 * 1024, 'is too large');

export const contextsBody = z.object({ kubeconfig }).strict();

export const registerBody = z
  .object({
    kubeconfig,
    context: z.string().max(253).pipe(displayTextSchema).optional(),
    name: clusterName,
    title: title.optional(),
    group: group.optional(),
    labels: labels.optional(),
    readOnly: z.boolean().optional(),
    impersonate: z.boolean().optional(),
  })
  .strict();

export const updateBody = z
  .object({
    title: title.optional(),
    group: group.nullable().optional(),
    labels: labels.optional(),
    readOnly: z.boolean().optional(),
    impersonate: z.boolean().optional(),
  })
  .strict()
  .refine(
    body => Object.keys(body).length > 0,
    'change at least one of title, group, labels, readOnly, impersonate',
  );

export const exportQuery = z
  .object({ includeCredentials: z.enum(['true', 'false']).optional() })
  .strict();

export const importBody = z
  .object({
    clusters: z
      .array(
        z
          .object({
            name: clusterName,
            title,
            // Checked by the server-URL policy when imported.
            url: z.string().max(2048),
            group: group.optional(),
            labels,
            readOnly: z.boolean(),
            impersonate: z.boolean(),
            credentials: z
              .object({
                caData: base64PemSchema.optional(),
                token: bearerTokenSchema.optional(),
                clientCertData: base64PemSchema.optional(),
                clientKeyData: base64PemSchema.optional(),
                skipTLSVerify: z.boolean().optional(),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1, 'import at least one cluster')
      .max(500),
  })
  .strict();

/**
 * The checks of an import that depend on the registration settings: each
 * server URL passes the same policy as a pasted kubeconfig's, and TLS
 * verification stays on unless allowed. The output is the canonical URLs.
 */
export function importPolicy(policy: KubeconfigPolicy) {
  return z
    .object({
      clusters: z.array(
        z.object({
          url: serverUrlSchema(policy),
          credentials: z
            .object({ skipTLSVerify: skipTlsVerifySchema(policy) })
            .optional(),
        }),
      ),
    })
    .transform(body => body.clusters.map(cluster => cluster.url));
}
