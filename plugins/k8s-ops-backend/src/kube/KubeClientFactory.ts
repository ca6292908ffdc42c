import { KubeConfig } from '@kubernetes/client-node';
import { Agent } from 'node:https';
import { ClusterEvents } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { KubeClient, KubeClientOptions, KubeTransport } from './KubeClient';

/**
 * Makes the client of each cluster, once per cluster definition: a client
 * keeps its connections alive, and is closed when its cluster changes or
 * goes.
 */
export class KubeClientFactory {
  private readonly clients = new Map<
    string,
    { definition: ClusterDefinition; client: KubeClient }
  >();

  constructor(
    private readonly options: {
      events?: ClusterEvents;
      /** The timeouts of every client. */
      client?: KubeClientOptions;
    } = {},
  ) {
    options.events?.subscribe(event => {
      // A changed cluster keeps its client only while its definition does.
      if (
        event.type === 'removed' ||
        this.clients.get(event.name)?.definition !== event.cluster
      ) {
        this.forget(event.name);
      }
    });
  }

  forCluster(cluster: ClusterDefinition): KubeClient {
    const cached = this.clients.get(cluster.name);
    if (cached && cached.definition === cluster) {
      return cached.client;
    }
    cached?.client.close();
    const client = new KubeClient(
      cluster.name,
      transportFor(cluster),
      this.options.client,
    );
    this.clients.set(cluster.name, { definition: cluster, client });
    return client;
  }

  forget(name: string) {
    this.clients.get(name)?.client.close();
    this.clients.delete(name);
  }

  /** Closes every client, at shutdown. */
  close() {
    for (const { client } of this.clients.values()) {
      client.close();
    }
    this.clients.clear();
  }
}

/** The client-node configuration of a cluster definition. */
export function kubeConfigOf(cluster: ClusterDefinition): KubeConfig {
  if (cluster.credentials.kubeConfig) {
    return cluster.credentials.kubeConfig;
  }
  const c = cluster.credentials;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: c.caData,
        caFile: c.caFile,
        skipTLSVerify: c.skipTLSVerify ?? false,
      },
    ],
    users: [
      {
        name: cluster.name,
        token: c.token,
        certData: c.clientCertData,
        keyData: c.clientKeyData,
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });
  return kc;
}

function transportFor(cluster: ClusterDefinition): KubeTransport {
  const kc = kubeConfigOf(cluster);
  let agent: Promise<Agent> | undefined;
  return {
    close() {
      agent?.then(a => a.destroy());
    },
    server: kc.getCurrentCluster()?.server ?? cluster.url,
    async prepare() {
      // client-node resolves CA files, client certificates and tokens
      // (including exec and in-cluster token files) into request options.
      const options: {
        headers?: Record<string, string>;
        ca?: any;
        cert?: any;
        key?: any;
        rejectUnauthorized?: boolean;
      } = {};
      await kc.applyToHTTPSOptions(options as any);
      agent ??= Promise.resolve(
        new Agent({
          ca: options.ca,
          cert: options.cert,
          key: options.key,
          rejectUnauthorized: options.rejectUnauthorized ?? true,
          keepAlive: true,
          // Each watched kind keeps a connection open; requests must not
          // queue behind them.
          maxSockets: 1024,
        }),
      );
      return { agent: await agent, headers: options.headers ?? {} };
    },
  };
}
