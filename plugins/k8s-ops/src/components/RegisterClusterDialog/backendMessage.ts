import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed call: the backend's own message for a
 * `ResponseError` (whose `message` only says "Request failed with 400 Bad
 * Request"), otherwise the error's message.
 */
export function backendMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
