import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses input with a zod schema, throwing an `InputError` that lists every
 * problem with the path of the field it concerns.
 */
export function parseOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue =>
    issue.path.length
      ? `${issue.path.join('.')}: ${issue.message}`
      : issue.message,
  );
  throw new InputError(`Invalid request: ${problems.join('; ')}`);
}
