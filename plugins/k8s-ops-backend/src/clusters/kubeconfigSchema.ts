import {
  displayTextSchema,
  KubeconfigContext,
} from '@k8s-ops/plugin-k8s-ops-common';
import { z } from 'zod';
import { parseOrThrow } from '../http/parseOrThrow';
import { MAX_YAML_DEPTH } from './readUntrustedYaml';
import { serverUrlSchema, ServerUrlPolicy } from './serverUrlPolicy';

/** What a pasted kubeconfig may contain beyond the safe defaults. */
export interface KubeconfigPolicy extends ServerUrlPolicy {
  /**
   * Accept `insecure-skip-tls-verify: true`, which turns off verification
   * of the API server's certificate. Only for local development.
   */
  allowInsecureSkipTlsVerify?: boolean;
}

/** A cluster entry: the server and how to trust it. */
export interface KubeconfigCluster {
  server: string;
  caData?: string;
  skipTLSVerify?: boolean;
}

/** A user entry: its inline credentials, and where it is in `users`. */
export interface KubeconfigUser {
  index: number;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
}

/** A kubeconfig whose every field has been checked. */
export interface ValidatedKubeconfig {
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  contexts: KubeconfigContext[];
  currentContext?: string;
}

const CREDENTIAL_PLUGIN =
  'credential plugins are not allowed; paste a kubeconfig with an inline token or client certificate';
const IMPERSONATION =
  'impersonation is not supported; paste credentials for the identity the backend should use';
const BASIC_AUTH =
  'basic authentication is not supported; use a token or a client certificate';
const LIST = 'required; a kubeconfig lists its clusters, users and contexts';
const NON_EMPTY = 'must be a non-empty string';

// Keys that make a Kubernetes client read a local file. Checked at any depth
// of a clusters or users entry.
const FILE_REFERENCES: Record<string, string> = {
  'certificate-authority':
    'file references are not allowed; inline the CA certificate as certificate-authority-data (base64-encoded PEM)',
  'client-certificate':
    'file references are not allowed; inline the certificate as client-certificate-data (base64-encoded PEM)',
  'client-key':
    'file references are not allowed; inline the key as client-key-data (base64-encoded PEM)',
  tokenFile: 'file references are not allowed; inline the token as token',
  'token-file': 'file references are not allowed; inline the token as token',
};

const FORBIDDEN_IN_CLUSTERS: Record<string, string> = {
  ...FILE_REFERENCES,
  'proxy-url':
    'proxies are not supported; the backend must reach the API server directly',
};

const FORBIDDEN_IN_USERS: Record<string, string> = {
  ...FILE_REFERENCES,
  exec: CREDENTIAL_PLUGIN,
  'auth-provider': CREDENTIAL_PLUGIN,
  username: BASIC_AUTH,
  password: BASIC_AUTH,
  impersonate: IMPERSONATION,
  'impersonate-uid': IMPERSONATION,
  'impersonate-groups': IMPERSONATION,
  'impersonate-user-extra': IMPERSONATION,
  as: IMPERSONATION,
  'as-uid': IMPERSONATION,
  'as-groups': IMPERSONATION,
  'as-user-extra': IMPERSONATION,
};

/**
 * A bearer token: trimmed (block scalars leave a trailing newline), and a
 * single word, since anything inside it would end up in an Authorization
 * header.
 */
export const bearerTokenSchema = z
  .string({ error: 'must be a string' })
  .transform((value, ctx) => {
    const token = value.trim();
    if (token === '' || /[\s\p{Cc}]/u.test(token)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a single word with no spaces or line breaks',
      });
      return z.NEVER;
    }
    return token;
  });

/**
 * Base64-encoded PEM, as kubeconfigs hold certificates and keys, with the
 * whitespace it is often wrapped with removed.
 */
export const base64PemSchema = z
  .string({ error: 'must be a base64-encoded PEM string' })
  .transform((value, ctx) => {
    const base64 = value.replace(/\s+/g, '');
    if (
      base64 === '' ||
      base64.length % 4 !== 0 ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)
    ) {
      ctx.addIssue({
        code: 'custom',
        message:
          'is not valid base64; it must be the base64 encoding of a PEM file (not the PEM text itself)',
      });
      return z.NEVER;
    }
    const decoded = Buffer.from(base64, 'base64').toString('latin1');
    if (!decoded.trimStart().startsWith('-----BEGIN')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'does not decode to PEM (text starting with -----BEGIN); base64-encode the contents of the PEM file',
      });
      return z.NEVER;
    }
    return base64;
  });

/** A name or reference in a kubeconfig, shown to people in a picker. */
const name = z
  .string({ error: NON_EMPTY })
  .min(1, NON_EMPTY)
  .pipe(displayTextSchema);

const mapping = { error: 'must be a mapping' };

/**
 * A list entry with a name, refused when a forbidden key appears anywhere
 * in it (nested in extensions, beside the inner mapping).
 */
function entry<T extends z.ZodRawShape>(
  forbidden: Record<string, string>,
  shape: T,
) {
  return z
    .unknown()
    .superRefine((value, ctx) => rejectForbiddenKeys(value, forbidden, [], ctx))
    .pipe(
      z.object({ name, ...shape }, { error: 'must be a mapping with a name' }),
    );
}

function rejectForbiddenKeys(
  value: unknown,
  forbidden: Record<string, string>,
  path: PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  if (path.length > MAX_YAML_DEPTH) return; // the YAML reader bounds depth
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      rejectForbiddenKeys(item, forbidden, [...path, index], ctx),
    );
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(forbidden, key)) {
        ctx.addIssue({
          code: 'custom',
          message: forbidden[key],
          path: [...path, key],
        });
      } else {
        rejectForbiddenKeys(child, forbidden, [...path, key], ctx);
      }
    }
  }
}

/** A switch that turns off TLS verification: refused unless allowed. */
export function skipTlsVerifySchema(policy: KubeconfigPolicy) {
  return z
    .boolean({ error: 'must be true or false' })
    .nullish()
    .refine(
      skip => skip !== true || policy.allowInsecureSkipTlsVerify,
      'turns off verification of the API server certificate and is refused; add certificate-authority-data instead (k8sOps.registration.allowInsecureSkipTlsVerify allows it for development)',
    );
}

/** The schema of a kubeconfig as plain values from the YAML reader. */
function kubeconfigSchema(policy: KubeconfigPolicy) {
  const cluster = entry(FORBIDDEN_IN_CLUSTERS, {
    cluster: z.object(
      {
        server: serverUrlSchema(policy),
        'certificate-authority-data': base64PemSchema.nullish(),
        'insecure-skip-tls-verify': skipTlsVerifySchema(policy),
      },
      mapping,
    ),
  });
  // A user with no fields is valid; parseKubeconfig refuses it only if it is
  // the one selected.
  const user = entry(FORBIDDEN_IN_USERS, {
    user: z
      .object(
        {
          token: bearerTokenSchema.nullish(),
          'client-certificate-data': base64PemSchema.nullish(),
          'client-key-data': base64PemSchema.nullish(),
        },
        mapping,
      )
      .nullish(),
  });
  const context = z.object(
    {
      name,
      context: z.object(
        { cluster: name, user: name, namespace: name.nullish() },
        mapping,
      ),
    },
    { error: 'must be a mapping with a name' },
  );

  return z
    .object({
      kind: z
        .literal('Config', { error: 'must be "Config" for a kubeconfig' })
        .nullish(),
      clusters: z.array(cluster, { error: LIST }),
      users: z.array(user, { error: LIST }),
      contexts: z
        .array(context, { error: LIST })
        .min(
          1,
          'the kubeconfig has no contexts; it needs at least one context naming a cluster and a user',
        ),
      'current-context': z
        .string({ error: 'must be a context name' })
        .pipe(displayTextSchema)
        .nullish(),
    })
    .superRefine((config, ctx) => {
      for (const list of ['clusters', 'users', 'contexts'] as const) {
        const seen = new Set<string>();
        config[list].forEach((item, index) => {
          // With duplicate names, what a picker shows and what gets used
          // could be different entries.
          if (seen.has(item.name)) {
            ctx.addIssue({
              code: 'custom',
              message: `${JSON.stringify(
                item.name,
              )} is used by an earlier entry`,
              path: [list, index, 'name'],
            });
          }
          seen.add(item.name);
        });
      }
      config.contexts.forEach((item, index) => {
        for (const [field, list] of [
          ['cluster', 'clusters'],
          ['user', 'users'],
        ] as const) {
          const target = item.context[field];
          if (!config[list].some(e => e.name === target)) {
            ctx.addIssue({
              code: 'custom',
              message: `no ${field} named ${JSON.stringify(target)} in ${list}`,
              path: ['contexts', index, 'context', field],
            });
          }
        }
      });
    });
}

/**
 * Checks the plain values of a kubeconfig against its schema and the
 * policy, and indexes its clusters and users by name.
 *
 * @throws InputError naming every offending field, like
 * `clusters[0].cluster.server: must use https://; ...`.
 */
export function validateKubeconfig(
  root: unknown,
  policy: KubeconfigPolicy,
): ValidatedKubeconfig {
  const config = parseOrThrow(kubeconfigSchema(policy), root, { lead: '' });
  const clusters = new Map<string, KubeconfigCluster>();
  for (const { name: clusterName, cluster } of config.clusters) {
    const caData = cluster['certificate-authority-data'];
    clusters.set(clusterName, {
      server: cluster.server,
      ...(caData ? { caData } : {}),
      ...(cluster['insecure-skip-tls-verify'] ? { skipTLSVerify: true } : {}),
    });
  }
  const users = new Map<string, KubeconfigUser>();
  config.users.forEach(({ name: userName, user }, index) => {
    users.set(userName, {
      index,
      token: user?.token ?? undefined,
      clientCertData: user?.['client-certificate-data'] ?? undefined,
      clientKeyData: user?.['client-key-data'] ?? undefined,
    });
  });
  const contexts = config.contexts.map(({ name: contextName, context }) => ({
    name: contextName,
    cluster: context.cluster,
    user: context.user,
    ...(context.namespace ? { namespace: context.namespace } : {}),
    server: clusters.get(context.cluster)!.server,
  }));
  const currentContext = config['current-context'];
  return {
    clusters,
    users,
    contexts,
    // kubectl writes an empty current-context when none is selected.
    ...(currentContext ? { currentContext } : {}),
  };
}
