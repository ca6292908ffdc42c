import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** The `Status` object a Kubernetes API server answers errors with. */
export interface KubeStatus {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
}

/** An error answered by a cluster, before it is mapped for the caller. */
export class KubeApiError extends Error {
  constructor(
    readonly cluster: string,
    readonly statusCode: number,
    readonly status: KubeStatus | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/**
 * Maps a cluster's answer to the Backstage error the caller gets, keeping
 * Kubernetes' own message and, for invalid objects, every cause.
 */
export function toBackstageError(
  cluster: string,
  statusCode: number,
  status: KubeStatus | undefined,
): Error {
  const error = mapStatus(cluster, statusCode, status);
  // Kept for callers that react to the cluster's own code (a watch that
  // must relist on 410 Gone).
  Object.defineProperty(error, 'kubeStatusCode', { value: statusCode });
  return error;
}

/** The HTTP status a cluster answered, for an error from `KubeClient`. */
export function kubeStatusCode(error: unknown): number | undefined {
  return (error as { kubeStatusCode?: number } | undefined)?.kubeStatusCode;
}

function mapStatus(
  cluster: string,
  statusCode: number,
  status: KubeStatus | undefined,
): Error {
  const message = status?.message || `HTTP ${statusCode}`;
  const causes = (status?.details?.causes ?? [])
    .map(c => (c.field ? `${c.field}: ${c.message}` : c.message))
    .filter(Boolean);
  switch (statusCode) {
    case 400:
      return new InputError(message);
    case 401:
      return new NotAllowedError(
        `Cluster '${cluster}' refused the credentials k8s-ops uses for it: ${message}`,
      );
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 410:
      return new InputError(
        `${message}; the list changed too much since the page was read, start again without 'continue'`,
      );
    case 415:
    case 422:
      return new InputError(
        causes.length && !message.includes(causes[0]!)
          ? `${message} (${causes.join('; ')})`
          : message,
      );
    default:
      return new ServiceUnavailableError(
        `Cluster '${cluster}' answered ${statusCode}: ${message}`,
      );
  }
}

/** The error for a cluster that could not be reached at all. */
export function unreachable(cluster: string, error: unknown): Error {
  const code = (error as { code?: string })?.code ?? '';
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset',
  };
  const reason =
    reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return new ServiceUnavailableError(
    `Cluster '${cluster}' is unreachable: ${reason}`,
  );
}
