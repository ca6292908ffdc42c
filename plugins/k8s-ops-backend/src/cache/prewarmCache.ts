import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ResourceService } from '../resources/ResourceService';

/**
 * Starts the watchers of the configured kinds on every cluster, in the
 * background, and holds them for as long as the plugin runs, so that page
 * views are served from the cache. A cluster that cannot be reached is
 * retried by its watchers.
 */
export async function prewarmCache(deps: {
  services: {
    registry: ClusterRegistry;
    resourceService: ResourceService;
    prewarm: string[];
  };
  logger: LoggerService;
}) {
  const { registry, resourceService, prewarm } = deps.services;
  for (const cluster of await registry.list()) {
    for (const resource of prewarm) {
      resourceService
        .hold(cluster.name, resource)
        .catch(error =>
          deps.logger.warn(
            `Could not start watching ${resource} on cluster '${cluster.name}': ${error.message}`,
          ),
        );
    }
  }
}
