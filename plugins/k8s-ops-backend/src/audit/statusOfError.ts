import { isError } from '@backstage/errors';

const statusByErrorName: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** The HTTP status that Backstage's error handler answers for an error. */
export function statusOfError(error: unknown): number {
  if (!isError(error)) {
    return 500;
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 600) {
    return status;
  }
  return statusByErrorName[error.name] ?? 500;
}
