import { z } from 'zod';

const list = (item: z.ZodString) =>
  z
    .string()
    .max(2000)
    .transform(value =>
      value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'name at least one'));

export const changesQuery = z
  .object({
    clusters: list(
      z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be cluster names'),
    ).optional(),
    resources: list(
      z
        .string()
        .regex(
          /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/,
          'must be resource names',
        ),
    ),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name')
      .optional(),
    labelSelector: z.string().max(2000).optional(),
  })
  .strict();
