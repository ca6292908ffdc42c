import { ComposeError } from './ComposeError';

// `$$` (a literal dollar), `$NAME`, or `${NAME}` with an optional
// `:-default`, `-default`, `:?message` or `?message`.
const REFERENCE =
  /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\})/g;

/**
 * A variable a Compose service refers to: required when it has no default.
 *
 * @public
 */
export interface ComposeVariable {
  name: string;
  /** The default of `${NAME:-default}` or `${NAME-default}`. */
  default?: string;
  required: boolean;
}

/**
 * Resolves Compose variable references in one text, as `docker compose`
 * does: `${VAR:-default}` takes the default when the variable is unset or
 * empty, `${VAR-default}` only when it is unset, `${VAR:?message}` and a
 * bare `${VAR}` without a value are refused naming the variable, and `$$`
 * is a literal dollar. Defaults are resolved in turn.
 *
 * @public
 */
export function interpolate(
  text: string,
  variables: Record<string, string>,
  field: string,
): string {
  return text.replace(
    REFERENCE,
    (_match, dollar, bare, name, operator, operand) => {
      if (dollar) {
        return '$';
      }
      const key: string = bare ?? name;
      const value = Object.hasOwn(variables, key) ? variables[key] : undefined;
      const resolvedOperand = () =>
        interpolate(operand ?? '', variables, field);
      switch (operator) {
        case ':-':
          return value ? value : resolvedOperand();
        case '-':
          return value !== undefined ? value : resolvedOperand();
        case ':?':
        case '?':
          if (value === undefined || (operator === ':?' && value === '')) {
            throw new ComposeError(
              field,
              `the variable ${key} is required${
                operand ? `: ${resolvedOperand()}` : ''
              }`,
            );
          }
          return value;
        default:
          if (value === undefined) {
            throw new ComposeError(
              field,
              `the variable ${key} has no value and no default; give it in variables`,
            );
          }
          return value;
      }
    },
  );
}

/** The variables a text refers to, in order of first appearance. */
export function referencedVariables(text: string): ComposeVariable[] {
  const found: ComposeVariable[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const [, dollar, bare, name, operator, operand] = match;
    if (dollar) {
      continue;
    }
    const hasDefault = operator === ':-' || operator === '-';
    found.push({
      name: bare ?? name,
      default: hasDefault ? operand ?? '' : undefined,
      required: !hasDefault,
    });
    if (operand) {
      found.push(...referencedVariables(operand));
    }
  }
  return found;
}
