import { InputError } from '@backstage/errors';
import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** The annotation that tells a client the values it sees are hidden. */
export const MASKED_ANNOTATION = 'k8s-ops.dev/masked';

/** Whether an object is a core Secret. */
export function isSecret(object: KubeObject): boolean {
  return object.kind === 'Secret' && object.apiVersion === 'v1';
}

/**
 * A Secret with every value hidden: keys stay, values become empty, and the
 * last-applied annotation (which holds the values in clear) goes.
 */
export function maskSecret(object: KubeObject): KubeObject {
  const secret = object as KubeObject & {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
  };
  const hide = (values?: Record<string, string>) =>
    values && Object.fromEntries(Object.keys(values).map(key => [key, '']));
  const {
    'kubectl.kubernetes.io/last-applied-configuration': _lastApplied,
    ...annotations
  } = object.metadata.annotations ?? {};
  return {
    ...secret,
    metadata: {
      ...object.metadata,
      annotations: { ...annotations, [MASKED_ANNOTATION]: 'true' },
    },
    data: hide(secret.data),
    stringData: hide(secret.stringData),
  };
}

/**
 * Refuses an object read with its values hidden: applying it would store
 * the empty values in place of the real ones.
 */
export function refuseMasked(object: KubeObject): void {
  if (object.metadata?.annotations?.[MASKED_ANNOTATION] === 'true') {
    throw new InputError(
      `This ${
        object.kind ?? 'object'
      } was read with its values hidden (${MASKED_ANNOTATION}); applying it would erase them. Reveal the values and put them in, or leave data out of what you apply`,
    );
  }
}
