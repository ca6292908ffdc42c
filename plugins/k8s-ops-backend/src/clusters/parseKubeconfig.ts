import { InputError } from '@backstage/errors';
import { KubeconfigContext } from '@k8s-ops/plugin-k8s-ops-common';
import {
  KubeconfigPolicy,
  KubeconfigUser,
  validateKubeconfig,
  ValidatedKubeconfig,
} from './kubeconfigSchema';
import { readUntrustedYaml } from './readUntrustedYaml';

/** One context of a kubeconfig, with the server of the cluster it points at. */
export type ParsedKubeconfigContext = KubeconfigContext;

/**
 * The inline credentials of one kubeconfig context. The `*Data` fields are
 * base64-encoded PEM, as in the kubeconfig, with whitespace removed.
 */
export interface KubeconfigCredentials {
  server: string;
  caData?: string;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
  skipTLSVerify?: boolean;
}

/** Options for {@link listKubeconfigContexts} and {@link parseKubeconfig}. */
export interface ParseKubeconfigOptions extends KubeconfigPolicy {
  /** The largest accepted kubeconfig, in UTF-8 bytes. Defaults to 64 KiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024;

/**
 * Lists the contexts of a kubeconfig (for a context picker), validating the
 * whole document.
 *
 * @remarks
 * The kubeconfig is untrusted input: it is checked as raw YAML, and must not
 * be handed to a Kubernetes client library, which would read referenced
 * files and run credential plugins while loading it.
 *
 * @throws InputError naming the offending field when the kubeconfig is refused.
 */
export function listKubeconfigContexts(
  text: string,
  options: ParseKubeconfigOptions & {
    /**
     * Refuse the kubeconfig when the user of any context lacks a usable
     * inline credential, as registering that context would.
     */
    requireCredentials?: boolean;
  } = {},
): { contexts: ParsedKubeconfigContext[]; currentContext?: string } {
  const config = readKubeconfig(text, options);
  const { contexts, currentContext } = config;
  if (options.requireCredentials) {
    for (const context of contexts) {
      credentialsOf(config, context);
    }
  }
  // A current-context that names no context is common after contexts are
  // deleted; a picker is better off with no default than a broken one.
  const exists = contexts.some(c => c.name === currentContext);
  return exists ? { contexts, currentContext } : { contexts };
}

/**
 * Validates a kubeconfig and extracts the inline credentials of one context:
 * `options.context` if given, otherwise `current-context`, otherwise the only
 * context.
 *
 * @throws InputError naming the offending field when the kubeconfig is refused.
 */
export function parseKubeconfig(
  text: string,
  options: ParseKubeconfigOptions & { context?: string } = {},
): { context: ParsedKubeconfigContext; credentials: KubeconfigCredentials } {
  const config = readKubeconfig(text, options);
  const context = selectContext(config, options.context);
  return { context, credentials: credentialsOf(config, context) };
}

function readKubeconfig(
  text: string,
  options: ParseKubeconfigOptions,
): ValidatedKubeconfig {
  const root = readUntrustedYaml(text, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    what: 'The kubeconfig',
    keys: 'clusters, users and contexts',
  });
  return validateKubeconfig(root, options);
}

/** The credentials of a context, refused when its user has none usable. */
function credentialsOf(
  config: ValidatedKubeconfig,
  context: ParsedKubeconfigContext,
): KubeconfigCredentials {
  const cluster = config.clusters.get(context.cluster)!;
  const user = config.users.get(context.user)!;
  assertUsable(user);
  const credentials: KubeconfigCredentials = { server: cluster.server };
  if (cluster.caData) credentials.caData = cluster.caData;
  if (cluster.skipTLSVerify) credentials.skipTLSVerify = true;
  if (user.token) credentials.token = user.token;
  if (user.clientCertData) {
    credentials.clientCertData = user.clientCertData;
    credentials.clientKeyData = user.clientKeyData;
  }
  return credentials;
}

function assertUsable(user: KubeconfigUser): void {
  const userPath = `users[${user.index}].user`;
  if (user.clientCertData && !user.clientKeyData) {
    throw new InputError(
      `${userPath}.client-key-data: required together with client-certificate-data`,
    );
  }
  if (user.clientKeyData && !user.clientCertData) {
    throw new InputError(
      `${userPath}.client-certificate-data: required together with client-key-data`,
    );
  }
  if (!user.token && !user.clientCertData) {
    throw new InputError(
      `${userPath}: has no inline credential; add a token, or both client-certificate-data and client-key-data`,
    );
  }
}

function selectContext(
  config: ValidatedKubeconfig,
  requested: string | undefined,
): ParsedKubeconfigContext {
  const available = config.contexts.map(c => JSON.stringify(c.name)).join(', ');
  if (requested !== undefined) {
    const found = config.contexts.find(c => c.name === requested);
    if (!found) {
      throw new InputError(
        `context: the kubeconfig has no context named ${JSON.stringify(
          requested,
        )}; available contexts: ${available}`,
      );
    }
    return found;
  }
  if (config.currentContext !== undefined) {
    const found = config.contexts.find(c => c.name === config.currentContext);
    if (!found) {
      throw new InputError(
        `current-context: names ${JSON.stringify(
          config.currentContext,
        )}, which is not in contexts; choose one of: ${available}`,
      );
    }
    return found;
  }
  if (config.contexts.length === 1) {
    return config.contexts[0];
  }
  throw new InputError(
    `current-context: not set and the kubeconfig has ${config.contexts.length} contexts; choose one of: ${available}`,
  );
}
