import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  k8sOpsClusterManagePermission,
  k8sOpsClusterReadPermission,
  k8sOpsPodPortForwardPermission,
  k8sOpsResourceReadPermission,
  PortForwardListResponse,
  PortForwardSession,
  PortForwardStartRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Duplex } from 'node:stream';
import { AuditedRequest, AuditLog } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { requirePerson } from '../permissions/authorizeBasic';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { mayRead } from '../resources/AuthorizedResourceService';
import { ResourceService } from '../resources/ResourceService';
import { PortForwardManager } from './PortForwardManager';
import { PortForwardRecord } from './PortForwardStore';
import { describeSession, sessionAuditTarget } from './sessionAudit';

/**
 * Port-forward sessions as one person may use them. Starting needs
 * `k8s-ops.pod.portforward` on the pod or Service named (and reading it);
 * a session is seen, used and stopped by its owner, and by admins (those
 * allowed `k8s-ops.cluster.manage`), who see everyone's. Another person's
 * session is answered as missing. Start, stop and failure are audited.
 */
export class AuthorizedPortForwards {
  constructor(
    private readonly deps: {
      manager: PortForwardManager;
      registry: ClusterRegistry;
      resources: ResourceService;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      permissions: PermissionsService;
      audit: AuditLog;
    },
  ) {}

  async start(
    request: PortForwardStartRequest,
    ctx: AuditedRequest,
  ): Promise<PortForwardSession> {
    const target = sessionAuditTarget(request);
    const record = await this.deps.audit.track(
      {
        action: 'port-forward-start',
        request: ctx.request,
        credentials: ctx.credentials,
        target,
        status: 201,
        summary: started =>
          `${describeSession(started)} (session ${started.id})`,
      },
      async () => {
        requirePerson(ctx.credentials, 'forward ports');
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          k8sOpsResourceReadPermission,
          k8sOpsPodPortForwardPermission,
        ]);
        const cluster = await this.deps.registry.get(request.cluster);
        const impersonation = await this.deps.impersonator.impersonation(
          cluster,
          ctx.credentials,
        );
        const found = await this.deps.resources.get(
          {
            cluster: request.cluster,
            resource: request.target.kind === 'service' ? 'services' : 'pods',
            namespace: request.namespace,
            name: request.target.name,
          },
          { impersonate: impersonation },
        );
        if (!mayRead(authz, found.target, found.object)) {
          throw new NotFoundError(
            `${target.kind} ${request.namespace}/${request.target.name} not found on cluster '${request.cluster}'`,
          );
        }
        authz.assert(
          k8sOpsPodPortForwardPermission,
          'forward ports of',
          found.target,
          found.object,
        );
        return this.deps.manager.start(
          request,
          { owner: ownerOf(ctx.credentials), impersonation },
          found.object,
        );
      },
    );
    return toSession(record);
  }

  async list(
    scope: 'mine' | 'all',
    credentials: BackstageCredentials,
  ): Promise<PortForwardListResponse> {
    const admin = await this.isAdmin(credentials);
    if (scope === 'all' && !admin) {
      throw new NotAllowedError(
        "Only admins (allowed 'k8s-ops.cluster.manage') may list everyone's port-forwards",
      );
    }
    const records = await this.deps.manager.list(
      scope === 'all' ? undefined : ownerOf(credentials),
    );
    return { items: records.map(toSession), all: scope === 'all' };
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PortForwardSession> {
    return toSession(await this.visible(id, credentials));
  }

  async stop(id: string, ctx: AuditedRequest): Promise<PortForwardSession> {
    const record = await this.visible(id, ctx.credentials);
    const stopped = await this.deps.audit.track(
      {
        action: 'port-forward-stop',
        request: ctx.request,
        credentials: ctx.credentials,
        target: sessionAuditTarget(record),
        summary: `${describeSession(record)} (session ${record.id} of ${
          record.owner
        })`,
      },
      () => this.deps.manager.stop(id),
    );
    return toSession(stopped);
  }

  /** Opens a connection to a forwarded port, for the session's owner or an admin. */
  async connect(
    id: string,
    port: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<Duplex> {
    const record = await this.visible(id, credentials);
    return this.deps.manager.connect(record, port ?? record.ports[0].port);
  }

  /** A session its owner or an admin asks for; anyone else's is missing. */
  private async visible(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PortForwardRecord> {
    const record = await this.deps.manager.get(id);
    if (
      record.owner !== ownerOf(credentials) &&
      !(await this.isAdmin(credentials))
    ) {
      throw new NotFoundError(`Port-forward session ${id} not found`);
    }
    return record;
  }

  private async isAdmin(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: k8sOpsClusterManagePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}

/** The owner a session records: the user's entity ref. */
function ownerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? principal.userEntityRef
    : '';
}

/** A session as the routes answer it. */
export function toSession(record: PortForwardRecord): PortForwardSession {
  const {
    impersonation: _impersonation,
    heartbeatAt: _heartbeat,
    ...rest
  } = record;
  return { ...rest, proxyPath: `/port-forwards/${record.id}/proxy/` };
}
