import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuditPage,
  AuditQuery,
  k8sOpsAuditReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import { authorizeBasic } from '../permissions/authorizeBasic';
import { AuditStore } from './AuditStore';

/** The audit trail for the people who may read it. */
export class AuthorizedAuditStore {
  constructor(
    private readonly deps: {
      store: AuditStore;
      permissions: PermissionsService;
    },
  ) {}

  async query(
    query: AuditQuery,
    credentials: BackstageCredentials,
  ): Promise<AuditPage> {
    await authorizeBasic(
      this.deps.permissions,
      credentials,
      k8sOpsAuditReadPermission,
      'You may not read the k8s-ops audit trail',
    );
    return this.deps.store.query(query);
  }
}
