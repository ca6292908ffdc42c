import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterDefinition, ClusterSource } from './types';

/**
 * Every context of a local kubeconfig, when `k8sOps.kubeconfig.enabled` is
 * set: for a developer running the portal on their own machine. The file is
 * the operator's own, so its credential plugins are trusted here (unlike a
 * pasted kubeconfig).
 */
export class KubeconfigFileSource implements ClusterSource {
  private constructor(private readonly clusters: ClusterDefinition[]) {}

  static fromConfig(config: Config): KubeconfigFileSource | undefined {
    if (!config.getOptionalBoolean('k8sOps.kubeconfig.enabled')) {
      return undefined;
    }
    const base = new KubeConfig();
    const path = config.getOptionalString('k8sOps.kubeconfig.path');
    if (path) {
      base.loadFromFile(path);
    } else {
      base.loadFromDefault();
    }
    const clusters = base.getContexts().map(context => {
      const kc = new KubeConfig();
      kc.loadFromString(base.exportConfig());
      kc.setCurrentContext(context.name);
      const name = context.name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 63);
      return {
        name,
        title: context.name,
        source: 'kubeconfig' as const,
        url: kc.getCurrentCluster()?.server ?? '',
        labels: { 'k8s-ops.dev/kubeconfig-context': name },
        readOnly: false,
        impersonate: false,
        credentials: { kubeConfig: kc },
      };
    });
    return new KubeconfigFileSource(clusters);
  }

  async list(): Promise<ClusterDefinition[]> {
    return this.clusters;
  }
}

/**
 * The cluster the backend runs in, through its service account, when
 * `k8sOps.inCluster.enabled` is set.
 */
export class InClusterSource implements ClusterSource {
  private constructor(private readonly cluster: ClusterDefinition) {}

  static fromConfig(config: Config): InClusterSource | undefined {
    if (!config.getOptionalBoolean('k8sOps.inCluster.enabled')) {
      return undefined;
    }
    const kc = new KubeConfig();
    kc.loadFromCluster();
    const name =
      config.getOptionalString('k8sOps.inCluster.name') ?? 'in-cluster';
    return new InClusterSource({
      name,
      title: name,
      source: 'in-cluster',
      url: kc.getCurrentCluster()?.server ?? '',
      labels: {},
      readOnly: false,
      impersonate: false,
      credentials: { kubeConfig: kc },
    });
  }

  async list(): Promise<ClusterDefinition[]> {
    return [this.cluster];
  }
}
