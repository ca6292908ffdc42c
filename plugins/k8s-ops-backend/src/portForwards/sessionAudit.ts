import { AuditTarget } from '../audit/AuditLog';
import { NewAuditEntry } from '../audit/AuditStore';
import { PortForwardRecord } from './PortForwardStore';

/** `pod shop/web-1 ports 8080, 9090`, for messages. */
export function describeSession(record: PortForwardRecord): string {
  return `${record.target.kind} ${record.namespace}/${
    record.target.name
  } ports ${record.ports.map(p => p.port).join(', ')}`;
}

/** What an audit row of a session names: the pod or Service. */
export function sessionAuditTarget(
  session: Pick<PortForwardRecord, 'cluster' | 'namespace' | 'target'>,
): AuditTarget {
  return {
    cluster: session.cluster,
    namespace: session.namespace,
    kind: session.target.kind === 'service' ? 'Service' : 'Pod',
    name: session.target.name,
  };
}

/**
 * The audit row of a session the holding replica ended by itself (idle, or
 * not reopened after a restart), in the owner's name.
 */
export function sessionEndEntry(
  record: PortForwardRecord,
  state: 'stopped' | 'failed',
  reason: string,
  endedAt: string,
): NewAuditEntry {
  const failed = state === 'failed';
  return {
    createdAt: endedAt,
    actor: record.owner,
    action: failed ? 'port-forward-fail' : 'port-forward-stop',
    ...sessionAuditTarget(record),
    outcome: failed ? 'failed' : 'succeeded',
    status: failed ? 503 : 200,
    summary: `${describeSession(record)}: ${reason}`,
  };
}
