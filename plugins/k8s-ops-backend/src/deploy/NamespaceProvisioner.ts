import {
  k8sOpsNamespaceProvisionPermission,
  NamespaceProvisionRequest,
  NamespaceProvisionResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { AuthorizedManifestSet } from '../resources/AuthorizedManifestSet';
import { assertClusterPermission } from './assertClusterPermission';
import { namespaceManifests } from './namespaceManifests';

/**
 * Ensures a namespace and what a team needs in it, as one audited change:
 * `k8s-ops.namespace.provision` on the cluster, then every object checked
 * and applied server-side by the manifest set. Applying the same request
 * again changes nothing.
 */
export class NamespaceProvisioner {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      authorizer: RequestAuthorizer;
      audit: AuditLog;
      manifests: AuthorizedManifestSet;
    },
  ) {}

  async provision(
    cluster: string,
    request: NamespaceProvisionRequest,
    ctx: AuditedRequest,
  ): Promise<NamespaceProvisionResponse> {
    const record = {
      action: 'namespace-provision',
      dryRun: request.dryRun,
      target: { cluster, kind: 'Namespace', name: request.name },
    };
    await assertClusterPermission(
      this.deps,
      k8sOpsNamespaceProvisionPermission,
      'provision namespaces',
      record,
      ctx,
    );
    const manifests = await this.deps.manifests.apply(
      cluster,
      namespaceManifests(request),
      { dryRun: request.dryRun },
      {
        action: record.action,
        target: { kind: 'Namespace', name: request.name },
      },
      ctx,
    );
    return {
      cluster,
      namespace: request.name,
      dryRun: Boolean(request.dryRun),
      manifests,
    };
  }
}
