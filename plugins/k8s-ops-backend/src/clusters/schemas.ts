import { z } from 'zod';
import {
  base64PemSchema,
  bearerTokenSchema,
  KubeconfigPolicy,
  skipTlsVerifySchema,
} from './kubeconfigSchema';
import { serverUrlSchema } from './serverUrlPolicy';

/**
 * The checks of an import beyond its shape (`clusterSchemas.importBody` in
 * common): each server URL passes the same policy as a pasted kubeconfig's,
 * credentials are well-formed, and TLS verification stays on unless
 * allowed. The output is the canonical URLs.
 */
export function importPolicy(policy: KubeconfigPolicy) {
  return z
    .object({
      clusters: z.array(
        z.object({
          url: serverUrlSchema(policy),
          credentials: z
            .object({
              caData: base64PemSchema.optional(),
              token: bearerTokenSchema.optional(),
              clientCertData: base64PemSchema.optional(),
              clientKeyData: base64PemSchema.optional(),
              skipTLSVerify: skipTlsVerifySchema(policy),
            })
            .optional(),
        }),
      ),
    })
    .transform(body => body.clusters.map(cluster => cluster.url));
}
