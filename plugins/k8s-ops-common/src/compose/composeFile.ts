import { ComposeError } from './ComposeError';
import { composeFileSchema } from './composeSchema';
import {
  ComposeVariable,
  interpolate,
  referencedVariables,
} from './interpolate';

/** Where a service's fields are, for messages. */
export const fieldOf = (service: string) => `services.${service}`;

function readFile(document: unknown) {
  const parsed = composeFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComposeError(
      issue.path.join('.'),
      `${issue.message}; a Compose file has a services mapping`,
    );
  }
  return parsed.data;
}

/**
 * The services of a Compose file, in file order.
 *
 * @public
 */
export function composeServiceNames(document: unknown): string[] {
  return Object.keys(readFile(document).services);
}

/** One service of a Compose file: the one asked for, or the only one. */
export function pickService(document: unknown, wanted?: string) {
  const file = readFile(document);
  const names = Object.keys(file.services);
  if (names.length === 0) {
    throw new ComposeError('services', 'the Compose file has no services');
  }
  const name = wanted ?? (names.length === 1 ? names[0] : undefined);
  if (!name) {
    throw new ComposeError(
      'service',
      `the Compose file has several services (${names.join(', ')}); pick one`,
    );
  }
  if (!Object.hasOwn(file.services, name)) {
    throw new ComposeError(
      'service',
      `the Compose file has no service '${name}' (it has ${names.join(', ')})`,
    );
  }
  return { project: file.name, name, raw: file.services[name] };
}

/**
 * The variables one service of a Compose file refers to, each once.
 *
 * @public
 */
export function composeVariables(
  document: unknown,
  service?: string,
): ComposeVariable[] {
  const { raw } = pickService(document, service);
  const byName = new Map<string, ComposeVariable>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const variable of referencedVariables(value)) {
        const known = byName.get(variable.name);
        if (!known || (known.required && !variable.required)) {
          byName.set(variable.name, variable);
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(raw);
  return [...byName.values()];
}

/** Resolves the variables of every text of a service, naming the field of a problem. */
export function interpolateAll(
  value: unknown,
  variables: Record<string, string>,
  field: string,
): unknown {
  if (typeof value === 'string') {
    return interpolate(value, variables, field);
  }
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      interpolateAll(item, variables, `${field}[${i}]`),
    );
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolateAll(item, variables, `${field}.${key}`),
      ]),
    );
  }
  return value;
}
