import { z } from 'zod';

/** A cluster name: what Kubernetes accepts as a DNS label. */
export const clusterName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
  );

export const clusterParams = z.object({ cluster: clusterName });
