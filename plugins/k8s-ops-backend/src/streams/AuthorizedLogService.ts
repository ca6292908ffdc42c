import { InputError } from '@backstage/errors';
import {
  k8sOpsPodLogsPermission,
  KubeObject,
  LogQuery,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog } from '../audit/AuditLog';
import { WatchCache } from '../cache/WatchCache';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import {
  AuthorizedResourceService,
  mayRead,
} from '../resources/AuthorizedResourceService';
import { ResourceService } from '../resources/ResourceService';
import { parseLabelSelectorInput } from '../resources/selectorInput';
import {
  containerNames,
  defaultContainer,
  LabelSelector,
  labelSelectorText,
} from './logLines';
import { authorizedObject } from './authorizedObject';
import { LogStreamer, OpenedLog, PodChanges } from './LogStreamer';

/** A log read as a route asks for it. */
export type LogRequest = LogQuery & { cluster: string; name: string };

/** A log read the cluster accepted, with the name of the file to save it as. */
export interface LogAnswer extends OpenedLog {
  filename: string;
}

/**
 * Container logs as one person may read them: `k8s-ops.pod.logs` on the pod
 * (or the workload, and then on each of its pods), beside reading the
 * object. Every read is audited once, as a log view (who, which pod, when),
 * never line by line.
 */
export class AuthorizedLogService {
  constructor(
    private readonly deps: {
      streamer: LogStreamer;
      reads: AuthorizedResourceService;
      resources: ResourceService;
      cache: WatchCache;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      audit: AuditLog;
    },
  ) {}

  async pod(
    request: LogRequest,
    ctx: AuditedRequest,
    signal: AbortSignal,
  ): Promise<LogAnswer> {
    return this.deps.audit.track(
      {
        action: 'pod-logs',
        request: ctx.request,
        credentials: ctx.credentials,
        target: {
          cluster: request.cluster,
          namespace: request.namespace,
          kind: 'Pod',
          name: request.name,
        },
        severity: 'low',
        summary: describeRead(request),
      },
      async () => {
        const { authz, object, target, impersonate } = await this.readable(
          request,
          'pods',
          ctx,
        );
        authz.assert(
          k8sOpsPodLogsPermission,
          'read the logs of',
          target,
          object,
        );
        const container = request.container ?? defaultContainer(object);
        if (!container || !containerNames(object).includes(container)) {
          throw new InputError(
            `Pod ${request.namespace}/${request.name} has no container '${
              request.container
            }'; it has ${containerNames(object).join(', ') || 'none'}`,
          );
        }
        const opened = await this.deps.streamer.pod(
          {
            client: target.client,
            namespace: request.namespace,
            pod: request.name,
            container,
            impersonate,
          },
          request,
          signal,
        );
        return { ...opened, filename: `${request.name}-${container}.log` };
      },
    );
  }

  async workload(
    request: LogRequest & { resource: string },
    ctx: AuditedRequest,
    signal: AbortSignal,
  ): Promise<LogAnswer> {
    return this.deps.audit.track(
      {
        action: 'workload-logs',
        request: ctx.request,
        credentials: ctx.credentials,
        target: {
          cluster: request.cluster,
          namespace: request.namespace,
          kind: request.resource,
          name: request.name,
        },
        severity: 'low',
        summary: describeRead(request),
      },
      async () => {
        const { authz, object, target, impersonate } = await this.readable(
          request,
          request.resource,
          ctx,
        );
        authz.assert(
          k8sOpsPodLogsPermission,
          'read the logs of',
          target,
          object,
        );
        const selector = labelSelectorText(
          (object as { spec?: { selector?: LabelSelector } }).spec?.selector,
        );
        if (!selector) {
          throw new InputError(
            `${target.kind.kind} ${request.namespace}/${request.name} selects no pods`,
          );
        }
        const matches = parseLabelSelectorInput(selector);
        const pods = await this.deps.resources.target(request.cluster, 'pods');
        const place = { cluster: pods.cluster, kind: pods.kind };
        const allowed = (pod: KubeObject) =>
          pod.metadata.namespace === request.namespace &&
          matches(pod.metadata.labels) &&
          mayRead(authz, place, pod) &&
          authz.allows(k8sOpsPodLogsPermission, place, pod);
        const list = await this.deps.resources.list(
          {
            cluster: request.cluster,
            resource: 'pods',
            namespace: request.namespace,
            labelSelector: selector,
          },
          { filter: allowed, impersonate },
        );
        const opened = await this.deps.streamer.workload(
          {
            client: target.client,
            namespace: request.namespace,
            pods: list.items,
            container: request.container,
            impersonate,
          },
          request,
          signal,
          request.follow && !pods.cluster.impersonate
            ? this.podChanges(request.cluster, pods, allowed, signal)
            : undefined,
        );
        return { ...opened, filename: `${request.name}.log` };
      },
    );
  }

  /** The pod changes of the watch cache, held while the follow lasts. */
  private podChanges(
    cluster: string,
    pods: Awaited<ReturnType<ResourceService['target']>>,
    allowed: (pod: KubeObject) => boolean,
    signal: AbortSignal,
  ): PodChanges {
    return listener => {
      const release = this.deps.cache.hold(pods.client, pods.kind);
      const resource = resourceNameOf(pods.kind);
      const unsubscribe = this.deps.cache.subscribe(change => {
        if (
          change.cluster === cluster &&
          change.resource === resource &&
          allowed(change.object)
        ) {
          listener(change.type, change.object);
        }
      });
      const stop = () => {
        unsubscribe();
        release();
      };
      signal.addEventListener('abort', stop, { once: true });
      return stop;
    };
  }

  private readable(request: LogRequest, resource: string, ctx: AuditedRequest) {
    return authorizedObject(
      this.deps,
      {
        cluster: request.cluster,
        resource,
        namespace: request.namespace,
        name: request.name,
      },
      ctx.credentials,
      k8sOpsPodLogsPermission,
    );
  }
}

/** `container web, follow, last 100 lines`, for the audit row. */
function describeRead(request: LogRequest): string {
  return [
    request.container && `container ${request.container}`,
    request.previous && 'previous',
    request.follow && 'follow',
    request.tailLines !== undefined && `last ${request.tailLines} lines`,
    request.sinceSeconds !== undefined && `last ${request.sinceSeconds} s`,
    request.download && 'download',
  ]
    .filter(Boolean)
    .join(', ');
}
