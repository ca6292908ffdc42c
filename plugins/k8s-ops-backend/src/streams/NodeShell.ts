import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { KubeClient } from '../kube/KubeClient';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { ExecSession, SHELLS } from './ExecSession';

/** The label of every debug pod of a node terminal. */
export const NODE_SHELL_LABEL = 'k8s-ops.dev/node-shell';
/** When a node terminal's debug pod was last used (ISO time). */
const LAST_USED = 'k8s-ops.dev/last-used';
/** How often an open session says it is still used. */
const TOUCH_MS = 60_000;
const CONTAINER = 'shell';

/** Settings of node terminals (`k8sOps.terminal.nodeShell`). */
export interface NodeShellSettings {
  /** Namespace of the debug pods. */
  namespace: string;
  /** Image of the debug pods; it needs `nsenter` and a shell. */
  image: string;
  /** A debug pod unused for this long is removed by the scheduled cleanup. */
  idleMs: number;
}

/** A node terminal: its shell, and its debug pod. */
export interface NodeShellSession {
  session: ExecSession;
  pod: string;
  /** Marks the debug pod as used, at most once a minute. */
  touch(): void;
  /** Removes the debug pod. */
  remove(): Promise<void>;
}

/**
 * Terminals on nodes, the way `kubectl debug node` opens them: a privileged
 * debug pod on the node, with the host's PID, network and IPC namespaces,
 * and a shell entered into the host's namespaces with `nsenter` (bash, then
 * sh; the debug pod's own shell when the node refuses `nsenter`). The pod
 * is removed when the session ends; one left behind (the backend stopped
 * meanwhile) carries its last use, and {@link cleanup} removes it once idle.
 */
export class NodeShell {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      clients: KubeClientFactory;
      logger: LoggerService;
      settings: NodeShellSettings;
    },
  ) {}

  async start(
    client: KubeClient,
    node: string,
    actor: string,
  ): Promise<NodeShellSession> {
    const { namespace } = this.deps.settings;
    const created = await client.request<KubeObject>(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      { method: 'POST', body: this.debugPod(node, actor) },
    );
    const pod = created.metadata.name!;
    const path = `/api/v1/namespaces/${encodeURIComponent(
      namespace,
    )}/pods/${encodeURIComponent(pod)}`;
    const remove = async () => {
      await client
        .request(path, { method: 'DELETE', query: { gracePeriodSeconds: 0 } })
        .catch(error =>
          this.deps.logger.warn(
            `Could not remove the node terminal pod ${namespace}/${pod} on cluster '${client.cluster}': ${error}`,
          ),
        );
    };
    try {
      await waitUntilRunning(client, path, pod);
      const nsenter = [
        'nsenter',
        '-t',
        '1',
        '-m',
        '-u',
        '-i',
        '-n',
        '-p',
        '--',
      ];
      const session = await ExecSession.start(
        { client, namespace, pod, container: CONTAINER },
        {
          attempts: [
            ...SHELLS.map(shell => ({
              label: `${shell} on the node`,
              command: [...nsenter, shell],
            })),
            ...SHELLS.map(shell => ({
              label: `${shell} in the debug pod (the node refused nsenter)`,
              command: [shell],
            })),
          ],
        },
      );
      let touched = Date.now();
      return {
        session,
        pod,
        remove,
        touch: () => {
          if (Date.now() - touched < TOUCH_MS) {
            return;
          }
          touched = Date.now();
          client
            .request(path, {
              method: 'PATCH',
              contentType: 'application/merge-patch+json',
              body: {
                metadata: {
                  annotations: { [LAST_USED]: new Date().toISOString() },
                },
              },
            })
            .catch(() => undefined);
        },
      };
    } catch (error) {
      await remove();
      throw error;
    }
  }

  /**
   * Removes the debug pods of every cluster unused for the idle time: those
   * of sessions that ended without removing them. Answers how many.
   */
  async cleanup(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const cluster of await this.deps.registry.list()) {
      const client = this.deps.clients.forCluster(cluster);
      try {
        const list = await client.request<{ items: KubeObject[] }>(
          '/api/v1/pods',
          { query: { labelSelector: `${NODE_SHELL_LABEL}=true` } },
        );
        for (const pod of list.items) {
          const lastUsed = Date.parse(
            pod.metadata.annotations?.[LAST_USED] ??
              pod.metadata.creationTimestamp ??
              '',
          );
          if (now - lastUsed >= this.deps.settings.idleMs) {
            await client.request(
              `/api/v1/namespaces/${encodeURIComponent(
                pod.metadata.namespace!,
              )}/pods/${encodeURIComponent(pod.metadata.name!)}`,
              { method: 'DELETE', query: { gracePeriodSeconds: 0 } },
            );
            removed += 1;
          }
        }
      } catch (error) {
        this.deps.logger.warn(
          `Could not clean up the node terminal pods of cluster '${cluster.name}': ${error}`,
        );
      }
    }
    return removed;
  }

  private debugPod(node: string, actor: string): KubeObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `node-shell-${node.slice(0, 40)}-`.replace(
          /[^a-z0-9-]/g,
          '-',
        ),
        namespace: this.deps.settings.namespace,
        labels: { [NODE_SHELL_LABEL]: 'true' },
        annotations: {
          [LAST_USED]: new Date().toISOString(),
          'k8s-ops.dev/opened-by': actor,
        },
      },
      spec: {
        nodeName: node,
        hostPID: true,
        hostNetwork: true,
        hostIPC: true,
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 0,
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: CONTAINER,
            image: this.deps.settings.image,
            command: ['sleep', '86400'],
            stdin: true,
            tty: true,
            securityContext: { privileged: true },
            volumeMounts: [{ name: 'host', mountPath: '/host' }],
          },
        ],
        volumes: [{ name: 'host', hostPath: { path: '/' } }],
      },
    } as KubeObject;
  }
}

/** Waits until the debug pod runs; fails if it cannot. */
async function waitUntilRunning(client: KubeClient, path: string, pod: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const current = await client.request<{ status?: { phase?: string } }>(path);
    const phase = current.status?.phase;
    if (phase === 'Running') {
      return;
    }
    if (phase === 'Failed' || phase === 'Succeeded' || Date.now() > deadline) {
      throw new ServiceUnavailableError(
        `The node terminal pod ${pod} on cluster '${
          client.cluster
        }' did not start (${phase ?? 'no phase'})`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
