import { KubeConfig } from '@kubernetes/client-node';

/** A client configuration for one user of a cluster, with no file behind it. */
export function kubeConfigFor(access: {
  name: string;
  server: string;
  caPem: string;
  token: string;
  user?: string;
}): KubeConfig {
  const user = access.user ?? 'user';
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: access.name,
        server: access.server,
        caData: Buffer.from(access.caPem).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: user, token: access.token }],
    contexts: [{ name: access.name, cluster: access.name, user }],
    currentContext: access.name,
  });
  return kc;
}
