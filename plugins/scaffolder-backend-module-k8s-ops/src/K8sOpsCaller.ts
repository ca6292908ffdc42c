import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Calls the k8s-ops backend as the person who runs a template: their
 * credentials become a token on their behalf, so that k8s-ops checks their
 * permissions and its audit trail names them, not the scaffolder.
 */
export class K8sOpsCaller {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      /** The app's address, for links to the portal. */
      appBaseUrl: string;
    },
  ) {}

  async call<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: object,
  ): Promise<T> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'k8s-ops',
    });
    const baseUrl = await this.deps.discovery.getBaseUrl('k8s-ops');
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      // The backend's own message says what to do; the generic one does not.
      const error = await ResponseError.fromResponse(res);
      const said = (error.body as { error?: { message?: string } } | undefined)
        ?.error?.message;
      throw said
        ? new Error(`k8s-ops answered ${res.status}: ${said}`, { cause: error })
        : error;
    }
    return (await res.json()) as T;
  }

  /** A link to a page of the portal, such as `/k8s-ops/clusters/dev`. */
  link(path: string): string {
    return `${this.deps.appBaseUrl.replace(/\/$/, '')}${path}`;
  }
}

/** `/clusters/dev/namespaces/x`, each part encoded. */
export function pathOf(...parts: string[]): string {
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

/** The portal page of an object under its cluster. */
export function objectLink(
  caller: K8sOpsCaller,
  cluster: string,
  resource: string,
  namespace: string | undefined,
  name: string,
): string {
  return caller.link(
    `/k8s-ops${pathOf(
      'clusters',
      cluster,
      'objects',
      resource,
      ...(namespace ? [namespace] : []),
      name,
    )}`,
  );
}

/** Waits between two looks at something under way. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    });
  });
}
