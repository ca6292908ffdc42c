import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { InfraScanList } from '@k8s-ops/plugin-k8s-ops-common';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { infraEntities } from './infraEntities';

/**
 * Offers the infrastructure services of the stored scans to the catalog as
 * `Resource` entities, read from the k8s-ops backend with the catalog's
 * own service credentials; each refresh replaces the whole set.
 */
export class InfraEntityProvider implements EntityProvider {
  private connection: EntityProviderConnection | undefined;

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      owner: string;
    },
  ) {}

  getProviderName(): string {
    return 'k8s-ops-infra';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<void> {
    if (!this.connection) {
      return;
    }
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'k8s-ops',
    });
    const baseUrl = await this.deps.discovery.getBaseUrl('k8s-ops');
    const response = await fetch(`${baseUrl}/infra-scans`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const { items } = (await response.json()) as InfraScanList;
    const entities = infraEntities(items, { owner: this.deps.owner });
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.deps.logger.info(
      `Offered ${entities.length} infrastructure services to the catalog`,
    );
  }
}
