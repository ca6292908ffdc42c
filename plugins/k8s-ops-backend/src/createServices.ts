import {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { readFile } from 'node:fs/promises';
import { AuditLog } from './audit/AuditLog';
import { DatabaseAuditStore } from './audit/DatabaseAuditStore';
import { AuthorizedClusterRegistry } from './clusters/AuthorizedClusterRegistry';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ConfigClusterSource } from './clusters/ConfigClusterSource';
import { applyMigrations } from './database/applyMigrations';

/** Builds the plugin's services from Backstage's core services. */
export async function createServices(deps: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
}) {
  const db = await applyMigrations(deps.database);
  const auditStore = new DatabaseAuditStore(db);
  const registry = new ClusterRegistry([new ConfigClusterSource(deps.config)]);
  return {
    version: await readVersion(),
    registry,
    clusters: new AuthorizedClusterRegistry({
      registry,
      permissions: deps.permissions,
      permissionsRegistry: deps.permissionsRegistry,
    }),
    auditStore,
    audit: new AuditLog({
      auditor: deps.auditor,
      store: auditStore,
      logger: deps.logger,
    }),
    auditRetentionDays:
      deps.config.getOptionalNumber('k8sOps.audit.retentionDays') ?? 365,
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

async function readVersion(): Promise<string> {
  const manifest = await readFile(
    resolvePackagePath('@k8s-ops/plugin-k8s-ops-backend', 'package.json'),
    'utf8',
  );
  return JSON.parse(manifest).version;
}
