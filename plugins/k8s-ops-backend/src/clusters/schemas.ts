import { z } from 'zod';

/** A DNS label: cluster, group and namespace names. */
export const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
  );

export const clusterName = dnsLabel;

export const clusterParams = z.object({ cluster: clusterName });

const labels = z
  .record(
    z
      .string()
      .max(317)
      .regex(
        /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
        'label names are like team or example.com/team',
      ),
    z.string().max(63),
  )
  .refine(l => Object.keys(l).length <= 50, 'at most 50 labels');

const title = z.string().min(1).max(255);
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
    context: z.string().max(253).optional(),
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
            url: z
              .string()
              .url()
              .refine(u => /^https:\/\//.test(u), 'must be an https:// URL'),
            group: group.optional(),
            labels,
            readOnly: z.boolean(),
            impersonate: z.boolean(),
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
          .strict(),
      )
      .min(1, 'import at least one cluster')
      .max(500),
  })
  .strict();
