import { ResponseError } from '@backstage/errors';

/**
 * The error K8sOpsClient throws when the backend answers an error: a
 * `ResponseError` whose cause carries the backend's message.
 */
export function responseError(
  statusCode: number,
  statusText: string,
  cause: { name: string; message: string },
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: cause,
    request: { method: 'POST', url: '/api/k8s-ops/clusters' },
    response: { statusCode },
  });
  return ResponseError.fromResponse({
    status: statusCode,
    statusText,
    ok: false,
    url: 'http://localhost:7007/api/k8s-ops/clusters',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
  } as Response);
}
