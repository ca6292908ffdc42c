import { KubeObject } from './types';

/**
 * Parts of variable names that mark a value as sensitive, matched without
 * regard to case anywhere in the name: `DB_PASSWORD`, `apiKey`.
 *
 * @public
 */
export const DEFAULT_SENSITIVE_PATTERNS: readonly string[] = [
  'SECRET',
  'KEY',
  'PASSWORD',
  'PASS',
  'TOKEN',
  'CREDENTIAL',
];

/**
 * Whether a variable's value belongs in a Secret.
 *
 * @public
 */
export function isSensitiveName(
  name: string,
  patterns: readonly string[] = DEFAULT_SENSITIVE_PATTERNS,
): boolean {
  const upper = name.toUpperCase();
  return patterns.some(
    pattern => pattern.length > 0 && upper.includes(pattern.toUpperCase()),
  );
}

/**
 * Variables split into those a ConfigMap may hold and those a Secret must.
 *
 * @public
 */
export interface SplitEnvironment {
  config: Record<string, string>;
  secret: Record<string, string>;
}

/**
 * Splits variables by name. `sensitive` overrides the patterns per name:
 * `true` sends a variable to the Secret, `false` to the ConfigMap.
 *
 * @public
 */
export function splitEnvironment(
  variables: Record<string, string>,
  options: {
    patterns?: readonly string[];
    sensitive?: Record<string, boolean>;
  } = {},
): SplitEnvironment {
  const split: SplitEnvironment = { config: {}, secret: {} };
  for (const [name, value] of Object.entries(variables)) {
    const sensitive =
      options.sensitive?.[name] ?? isSensitiveName(name, options.patterns);
    split[sensitive ? 'secret' : 'config'][name] = value;
  }
  return split;
}

/**
 * The names of the ConfigMap and Secret that hold an environment map.
 *
 * @public
 */
export function environmentMapNames(name: string) {
  return { configMap: `${name}-config`, secret: `${name}-secrets` };
}

/**
 * The ConfigMap `<name>-config` and Secret `<name>-secrets` that hold a
 * split environment, for a server-side apply: applied whole, a variable
 * left out of `variables` leaves the map.
 *
 * @public
 */
export function environmentMapManifests(options: {
  name: string;
  namespace: string;
  environment: SplitEnvironment;
  labels?: Record<string, string>;
}): [KubeObject, KubeObject] {
  const names = environmentMapNames(options.name);
  const metadata = (name: string) => ({
    name,
    namespace: options.namespace,
    labels: { ...options.labels },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metadata(names.configMap),
      data: { ...options.environment.config },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(names.secret),
      type: 'Opaque',
      // `data`, not `stringData`: a server-side apply owns the keys it
      // sends, so a key left out later is removed.
      data: Object.fromEntries(
        Object.entries(options.environment.secret).map(([key, value]) => [
          key,
          base64(value),
        ]),
      ),
    },
  ];
}

function base64(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
