import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AuditStore } from './AuditStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Removes audit entries older than the retention, once a day on one replica. */
export async function scheduleAuditRetention(deps: {
  scheduler: SchedulerService;
  store: AuditStore;
  logger: LoggerService;
  retentionDays: number;
}) {
  await deps.scheduler.scheduleTask({
    id: 'k8s-ops-audit-retention',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const removed = await deps.store.deleteOlderThan(
        new Date(Date.now() - deps.retentionDays * DAY_MS),
      );
      deps.logger.info(
        `Removed ${removed} audit entries older than ${deps.retentionDays} days`,
      );
    },
  });
}
