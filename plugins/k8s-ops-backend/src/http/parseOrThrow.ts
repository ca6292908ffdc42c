import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** How {@link parseOrThrow} words its error. */
export interface ParseOrThrowOptions {
  /** Words before the list of problems; `Invalid request` unless given. */
  lead?: string;
  /** Where the input sits in a larger document, put before every field path. */
  path?: ReadonlyArray<PropertyKey>;
}

const MAX_PROBLEMS = 20;

/**
 * Parses input with a zod schema, throwing an `InputError` that lists the
 * problems (the first twenty) with the path of the field each concerns,
 * like `clusters[0].labels.team: ...`.
 */
export function parseOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  options: ParseOrThrowOptions = {},
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const { lead = 'Invalid request', path = [] } = options;
  const { issues } = result.error;
  const problems = issues.slice(0, MAX_PROBLEMS).map(issue => {
    const field = formatPath([...path, ...issue.path]);
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  // Hostile input can hold thousands of problems; the first ones say enough.
  if (issues.length > MAX_PROBLEMS) {
    problems.push(`and ${issues.length - MAX_PROBLEMS} more problems`);
  }
  const list = problems.join('; ');
  throw new InputError(lead ? `${lead}: ${list}` : list);
}

// Keys that read well bare; others (a hostile label name, say) are quoted so
// that line breaks, bidirectional controls or markup in them stay escapes.
const PLAIN_KEY = /^[A-Za-z0-9_./-]+$/;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) {
      text += text ? `.${segment}` : segment;
    } else {
      text += `[${quote(String(segment))}]`;
    }
  }
  return text;
}

function quote(key: string): string {
  return JSON.stringify(key).replace(
    /[<>\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
