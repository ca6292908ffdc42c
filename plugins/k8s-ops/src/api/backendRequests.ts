import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';

/** Query parameters of the defined, non-empty values. */
export function searchOf(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

/**
 * One JSON request to the k8s-ops backend; an answer that is not OK is
 * thrown as a `ResponseError` carrying the backend's message.
 */
export async function sendToBackend<T>(
  deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const baseUrl = await deps.discoveryApi.getBaseUrl('k8s-ops');
  const response = await deps.fetchApi.fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return response.status === 204 ? (undefined as T) : response.json();
}
