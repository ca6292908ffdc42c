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

/** The HTTP status of a failed request, when the error is one. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}
