/*
 * What the terminal and logs benchmarks share: one real local cluster with a
 * running pod, and the backend's own stream services (AuthorizedExecService,
 * AuthorizedLogService and their routes) on a loopback HTTP server, with a
 * permission answer that allows everything and an audit store in memory.
 */
import { ConfigReader } from '@backstage/config';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AuditLog } from '../plugins/k8s-ops-backend/src/audit/AuditLog';
import { WatchCache } from '../plugins/k8s-ops-backend/src/cache/WatchCache';
import { ClusterRegistry } from '../plugins/k8s-ops-backend/src/clusters/ClusterRegistry';
import { ConfigClusterSource } from '../plugins/k8s-ops-backend/src/clusters/ConfigClusterSource';
import { DiscoveryCache } from '../plugins/k8s-ops-backend/src/kube/DiscoveryCache';
import { KubeClientFactory } from '../plugins/k8s-ops-backend/src/kube/KubeClientFactory';
import { Impersonator } from '../plugins/k8s-ops-backend/src/permissions/Impersonator';
import { RequestAuthorizer } from '../plugins/k8s-ops-backend/src/permissions/RequestAuthorizer';
import { AuthorizedResourceService } from '../plugins/k8s-ops-backend/src/resources/AuthorizedResourceService';
import { ResourceService } from '../plugins/k8s-ops-backend/src/resources/ResourceService';
import { AuthorizedExecService } from '../plugins/k8s-ops-backend/src/streams/AuthorizedExecService';
import { AuthorizedLogService } from '../plugins/k8s-ops-backend/src/streams/AuthorizedLogService';
import { createLogsRouter } from '../plugins/k8s-ops-backend/src/streams/createLogsRouter';
import { LogStreamer } from '../plugins/k8s-ops-backend/src/streams/LogStreamer';
import { NodeShell } from '../plugins/k8s-ops-backend/src/streams/NodeShell';
import { quietLogger as quiet, clusterEntry } from './measure';

export const NAMESPACE = 'bench';

const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
} as any;

/** Starts a cluster, a one-pod Deployment, and the stream routes on loopback. */
export async function startStreamServer(): Promise<{
  cluster: LocalCluster;
  pod: string;
  url: string;
  stop(): Promise<void>;
}> {
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 1,
  });
  const kc = cluster.kubeConfig();
  await kc
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name: NAMESPACE } } });
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace: NAMESPACE,
    body: {
      metadata: { name: 'echo' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'echo' } },
        template: {
          metadata: { labels: { app: 'echo' } },
          spec: { containers: [{ name: 'main', image: 'echo:1' }] },
        },
      },
    },
  });
  const core = kc.makeApiClient(CoreV1Api);
  let pod: string | undefined;
  for (let i = 0; !pod; i++) {
    if (i > 600) {
      throw new Error('the pod did not start');
    }
    await new Promise(r => setTimeout(r, 100));
    const pods = await core.listNamespacedPod({ namespace: NAMESPACE });
    pod = pods.items.find(p => p.status?.phase === 'Running')?.metadata?.name;
  }

  const config = new ConfigReader({
    k8sOps: {
      clusters: [clusterEntry(cluster)],
    },
  });
  const registry = new ClusterRegistry([new ConfigClusterSource(config)]);
  const clients = new KubeClientFactory();
  const discovery = new DiscoveryCache();
  const cache = new WatchCache({ logger: quiet, clients });
  const resources = new ResourceService({
    registry,
    clients,
    discovery,
    cache,
    readOnly: false,
  });
  const permissions = {
    authorizeConditional: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as any;
  const authorizer = new RequestAuthorizer({
    permissions,
    permissionsRegistry: { getPermissionRuleset: () => ({}) } as any,
  });
  const impersonator = new Impersonator({} as any);
  const audit = new AuditLog({
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    } as any,
    store: {
      insert: async () => {},
      query: async () => ({ items: [] }),
      deleteOlderThan: async () => 0,
    } as any,
    logger: quiet,
  });
  const reads = new AuthorizedResourceService({
    resources,
    registry,
    discovery,
    clients,
    cache,
    authorizer,
    impersonator,
    permissions,
    audit,
  });
  const access = { reads, resources, authorizer, impersonator, audit };
  const exec = new AuthorizedExecService({
    ...access,
    nodeShell: new NodeShell({
      registry,
      clients,
      logger: quiet,
      settings: {
        namespace: 'default',
        image: 'busybox:1.36',
        idleMs: 1_800_000,
      },
    }),
    settings: { idleMs: 600_000, maxSessionsPerPerson: 100, keepInput: false },
  });
  const logs = new AuthorizedLogService({
    ...access,
    streamer: new LogStreamer(),
    cache,
  });

  const app = express();
  app.use(
    createLogsRouter({
      logs,
      httpAuth: { credentials: async () => credentials } as any,
    }),
  );
  const server: Server = createServer(app);
  // The framework has signed the person in by now; the handler is the
  // plugin's own.
  const sockets = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
  });
  server.on('upgrade', (request, socket, head) => {
    sockets.handleUpgrade(request, socket, head, browser => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      exec.run(Object.fromEntries(url.searchParams), credentials, browser);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    cluster,
    pod,
    url: `127.0.0.1:${port}`,
    stop: async () => {
      exec.closeAll();
      server.closeAllConnections();
      server.close();
      cache.stop();
      clients.close();
      await cluster.stop();
    },
  };
}
