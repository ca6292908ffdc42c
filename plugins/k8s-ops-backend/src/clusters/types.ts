import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';

/** How the backend authenticates to a cluster. Never leaves the backend. */
export interface ClusterCredentials {
  caData?: string;
  caFile?: string;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
  skipTLSVerify?: boolean;
  /**
   * A loaded kubeconfig, for sources that have one (a local kubeconfig
   * context, in-cluster); the fields above are then ignored.
   */
  kubeConfig?: KubeConfig;
}

/** A cluster with what it takes to reach it. */
export interface ClusterDefinition extends ClusterSummary {
  credentials: ClusterCredentials;
}

/** One place cluster definitions come from. */
export interface ClusterSource {
  list(): Promise<ClusterDefinition[]>;
}

/** A cluster without its credentials, as routes answer it. */
export function toSummary(cluster: ClusterDefinition): ClusterSummary {
  const { credentials: _credentials, ...summary } = cluster;
  return summary;
}
