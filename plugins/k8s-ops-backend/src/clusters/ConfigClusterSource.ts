import { Config } from '@backstage/config';
import { ClusterDefinition, ClusterSource } from './types';

/** Clusters listed under `k8sOps.clusters` in app-config. */
export class ConfigClusterSource implements ClusterSource {
  private readonly clusters: ClusterDefinition[];

  constructor(config: Config) {
    this.clusters = (
      config.getOptionalConfigArray('k8sOps.clusters') ?? []
    ).map(c => {
      const name = c.getString('name');
      return {
        name,
        title: c.getOptionalString('title') ?? name,
        source: 'config',
        url: c.getString('url'),
        group: c.getOptionalString('group'),
        labels: c.getOptional<Record<string, string>>('labels') ?? {},
        readOnly: c.getOptionalBoolean('readOnly') ?? false,
        impersonate: c.getOptionalBoolean('impersonate') ?? false,
        credentials: {
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          token: c.getOptionalString('token'),
          clientCertData: c.getOptionalString('clientCertData'),
          clientKeyData: c.getOptionalString('clientKeyData'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      };
    });
  }

  async list(): Promise<ClusterDefinition[]> {
    return this.clusters;
  }
}
