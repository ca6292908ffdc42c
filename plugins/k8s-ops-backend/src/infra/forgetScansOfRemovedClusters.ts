import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterEvents } from '../clusters/ClusterRegistry';
import { DatabaseInfraScanStore } from './DatabaseInfraScanStore';

/** Removes the stored scans of a cluster when it leaves the registry. */
export function forgetScansOfRemovedClusters(deps: {
  events: ClusterEvents;
  store: DatabaseInfraScanStore;
  logger: LoggerService;
}): () => void {
  return deps.events.subscribe(event => {
    if (event.type !== 'removed') {
      return;
    }
    deps.store
      .deleteCluster(event.name)
      .catch(error =>
        deps.logger.warn(
          `Could not remove the infrastructure scans of cluster '${event.name}': ${error}`,
        ),
      );
  });
}
