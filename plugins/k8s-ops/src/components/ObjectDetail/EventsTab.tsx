import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { K8sOpsObjectRef, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import Chip from '@material-ui/core/Chip';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { backendMessage } from '../../lib/backendMessage';

/** A core Event as the Events tab shows it. */
export interface EventRow {
  id: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  /** ISO time the event was last seen. */
  lastSeen?: string;
}

type CoreEvent = {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
};

/**
 * Reads a core Event, old style (`count`, `lastTimestamp`) or new style
 * (`series`, `eventTime`).
 */
export function eventRow(event: KubeObject): EventRow {
  const e = event as KubeObject & CoreEvent;
  return {
    id: event.metadata.uid ?? event.metadata.name ?? '',
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    lastSeen:
      e.series?.lastObservedTime ??
      e.lastTimestamp ??
      e.eventTime ??
      event.metadata.creationTimestamp,
  };
}

const columns: TableColumn<EventRow>[] = [
  {
    title: 'Type',
    field: 'type',
    render: e => (
      <Chip
        size="small"
        label={e.type}
        color={e.type === 'Warning' ? 'secondary' : 'default'}
      />
    ),
  },
  { title: 'Reason', field: 'reason' },
  { title: 'Message', field: 'message' },
  { title: 'Count', field: 'count', type: 'numeric' },
  {
    title: 'Last seen',
    field: 'lastSeen',
    defaultSort: 'desc',
    render: e => (e.lastSeen ? new Date(e.lastSeen).toLocaleString() : ''),
  },
];

/** The events of one object, newest first. */
export function EventsTab(props: { objectRef: K8sOpsObjectRef }) {
  const { objectRef } = props;
  const api = useApi(k8sOpsApiRef);
  const { value, loading, error } = useAsync(
    async () => (await api.getEvents(objectRef)).items.map(eventRow),
    [
      api,
      objectRef.cluster,
      objectRef.resource,
      objectRef.namespace,
      objectRef.name,
    ],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} title={backendMessage(error)} />;
  }
  return (
    <Table<EventRow>
      title={`Events (${value?.length ?? 0})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
      emptyContent={
        <div style={{ padding: 16 }}>
          No events: Kubernetes keeps them for an hour by default.
        </div>
      }
    />
  );
}
