/**
 * Whether an error says that a resourceVersion is too old to watch from
 * (410 Gone, reason Expired or Gone, "too old resource version"), also when
 * it came in a watch ERROR event or wrapped in another error.
 */
export function isExpired(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const candidate = e as {
      kubeStatusCode?: number;
      kubeStatusReason?: string;
      code?: unknown;
      reason?: unknown;
      status?: { code?: number; reason?: string };
      message?: unknown;
      cause?: unknown;
    };
    if (
      candidate.kubeStatusCode === 410 ||
      ['Expired', 'Gone'].includes(String(candidate.kubeStatusReason)) ||
      candidate.code === 410 ||
      candidate.status?.code === 410 ||
      ['Expired', 'Gone'].includes(String(candidate.reason)) ||
      ['Expired', 'Gone'].includes(String(candidate.status?.reason)) ||
      /too old resource version/i.test(String(candidate.message ?? ''))
    ) {
      return true;
    }
    e = candidate.cause;
  }
  return false;
}
