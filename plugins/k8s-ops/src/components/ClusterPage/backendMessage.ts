import { ResponseError } from '@backstage/errors';

/**
 * What the backend said went wrong: the message of its error body for a
 * failed request (`Cluster 'prod' is read-only`), else the error's own.
 */
export function backendMessage(error: Error): string {
  return ResponseError.is(error) ? error.cause.message : error.message;
}

/** The HTTP status of a failed request, when the error is one. */
export function statusOf(error: Error): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}
