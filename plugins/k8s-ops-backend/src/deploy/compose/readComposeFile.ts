import { InputError } from '@backstage/errors';
import {
  ComposeDeployOptions,
  ComposeError,
  ComposeManifests,
  composeToManifests,
} from '@k8s-ops/plugin-k8s-ops-common';
import { readUntrustedYaml } from '../../clusters/readUntrustedYaml';

const MAX_COMPOSE_BYTES = 256 * 1024;

/**
 * Reads a pasted Compose file and turns one service into objects; every
 * problem, in the YAML or in the service, is a 400 naming where it is.
 */
export function readComposeFile(request: {
  compose: string;
  service?: string;
  namespace: string;
  variables?: Record<string, string>;
  options?: ComposeDeployOptions;
}): ComposeManifests {
  const document = readUntrustedYaml(request.compose, {
    maxBytes: MAX_COMPOSE_BYTES,
    what: 'The Compose file',
    keys: 'services',
  });
  try {
    return composeToManifests({ ...request, document });
  } catch (error) {
    if (error instanceof ComposeError) {
      throw new InputError(
        `The Compose file cannot be deployed: ${error.message}`,
      );
    }
    throw error;
  }
}
