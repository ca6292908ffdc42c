import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { WatchCache } from './WatchCache';

/**
 * Every minute, stops watching the kinds nobody read for `idleMinutes`. Each
 * replica has a cache of its own, so the task runs on every replica.
 */
export async function scheduleCacheEviction(deps: {
  scheduler: SchedulerService;
  cache: WatchCache;
  logger: LoggerService;
  idleMinutes: number;
}) {
  await deps.scheduler.scheduleTask({
    id: 'k8s-ops-cache-eviction',
    scope: 'local',
    frequency: { minutes: 1 },
    timeout: { seconds: 30 },
    fn: async () => {
      const evicted = deps.cache.evictIdle(deps.idleMinutes * 60_000);
      if (evicted.length > 0) {
        deps.logger.info(`Stopped watching idle kinds: ${evicted.join(', ')}`);
      }
    },
  });
}
