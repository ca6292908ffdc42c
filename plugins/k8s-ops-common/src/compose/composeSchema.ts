import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform(String);
const count = z
  .union([
    z.number().int().min(0),
    z.string().regex(/^\d+$/, 'must be a whole number'),
  ])
  .transform(Number);
const stringOrList = z.union([z.string(), z.array(text)]);
const labels = z.union([
  z.array(z.string()),
  z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean()]).nullable(),
  ),
]);

const resourceAmounts = z
  .object({ cpus: text.optional(), memory: text.optional() })
  .loose();

/**
 * The parts of a Compose service k8s-ops reads; other keys (`restart`,
 * `depends_on`, `networks`...) mean nothing on Kubernetes and are ignored.
 */
export const composeServiceSchema = z
  .object({
    image: z.string().min(1).optional(),
    build: z.unknown().optional(),
    command: stringOrList.optional(),
    entrypoint: stringOrList.optional(),
    environment: labels.optional(),
    env_file: z.unknown().optional(),
    ports: z
      .array(
        z.union([
          text,
          z
            .object({
              target: count,
              published: text.optional(),
              protocol: z.string().optional(),
              name: z.string().optional(),
              host_ip: z.string().optional(),
              mode: z.string().optional(),
            })
            .loose(),
        ]),
      )
      .optional(),
    expose: z.array(text).optional(),
    healthcheck: z
      .object({
        test: stringOrList.optional(),
        interval: z.string().optional(),
        timeout: z.string().optional(),
        retries: count.optional(),
        start_period: z.string().optional(),
        disable: z.boolean().optional(),
      })
      .loose()
      .optional(),
    deploy: z
      .object({
        replicas: count.optional(),
        resources: z
          .object({
            limits: resourceAmounts.optional(),
            reservations: resourceAmounts.optional(),
          })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
    labels: labels.optional(),
    volumes: z
      .array(
        z.union([
          z.string(),
          z
            .object({
              type: z.string().optional(),
              source: z.string().optional(),
              target: z.string(),
              read_only: z.boolean().optional(),
            })
            .loose(),
        ]),
      )
      .optional(),
    network_mode: z.string().optional(),
    privileged: z.boolean().optional(),
    working_dir: z.string().optional(),
  })
  .loose();

/** A Compose service as k8s-ops reads it. */
export type ComposeService = z.output<typeof composeServiceSchema>;

/** The top of a Compose file. */
export const composeFileSchema = z
  .object({
    name: z.string().optional(),
    services: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose();
