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
  // Kept for callers that react to the cluster's own code and reason (a
  // watch that must relist on 410 Gone or reason Expired).
  Object.defineProperty(error, 'kubeStatusCode', { value: statusCode });
  Object.defineProperty(error, 'kubeStatusReason', { value: status?.reason });
  return error;
}

/**
 * The error of a watch's `ERROR` event, whose object is a `Status`: mapped
 * like any answer, with the cluster's code kept (410 Gone means relist).
 */
export function watchEventError(
  cluster: string,
  status: KubeStatus | undefined,
): Error {
  return toBackstageError(cluster, status?.code ?? 500, status);
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
  const wrongType = statusCode === 500 ? typeError(message) : undefined;
  if (wrongType) {
    return new InputError(wrongType);
  }
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

/**
 * Server-side apply answers 500 when a field has the wrong type (a number
 * in a ConfigMap's `data`): the object, not the cluster, is at fault. Its
 * message names the field after the object, such as
 * `failed to create typed patch object (/v1, Kind=ConfigMap) ns/x: .data.a:
 * expected string, got &value.valueUnstructured{Value:1}`. Answers what to
 * tell the person, or nothing for any other 500.
 */
function typeError(message: string): string | undefined {
  const typed =
    /failed to create typed (?:patch )?object(?: \([^)]*\))?[^:]*: ([\s\S]*)$/.exec(
      message,
    );
  if (!typed) {
    return undefined;
  }
  // Go's rendering of the value, `&value.valueUnstructured{Value:1}`, is
  // the value itself to a person.
  const problem = typed[1]
    .replace(/&?value\.valueUnstructured\{Value:([^}]*)\}/g, '$1')
    .trim();
  const field = /^\.?([^\s:]+): ([\s\S]*)$/.exec(problem);
  return field
    ? `Invalid object: field ${field[1]}: ${field[2]}`
    : `Invalid object: ${problem}`;
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
