import { Table, TableColumn } from '@backstage/core-components';
import {
  ClusterWorkloads,
  detectPodProblems,
  detectWorkloadProblems,
  K8sOpsObjectRef,
  KubeObject,
  podRestarts,
  podStatus,
  Problem,
  readiness,
  WORKLOAD_CONTROLLER_RESOURCES,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { memo, useState } from 'react';
import { age, images } from '../../lib/format';
import {
  ObjectActionButtons,
  ObjectActionDialog,
  PendingAction,
} from '../ObjectActions';
import { ObjectDrawer } from '../ObjectDrawer';

type Row = {
  object: KubeObject;
  problems: Problem[];
  id: string;
  ref: K8sOpsObjectRef;
};

function ProblemChips(props: { problems: Problem[] }) {
  return (
    <>
      {props.problems.map(p => (
        <Tooltip key={p.type + p.message} title={p.hint}>
          <Chip
            size="small"
            color="secondary"
            label={p.message}
            data-testid={`problem-${p.type}`}
          />
        </Tooltip>
      ))}
    </>
  );
}

/** The object's name, opening its detail. */
function NameCell(props: { row: Row; onOpen: (ref: K8sOpsObjectRef) => void }) {
  const { row, onOpen } = props;
  return (
    <Link component="button" variant="body2" onClick={() => onOpen(row.ref)}>
      {row.object.metadata.name}
    </Link>
  );
}

const workloadColumns: TableColumn<Row>[] = [
  { title: 'Kind', render: r => r.object.kind },
  { title: 'Namespace', render: r => r.object.metadata.namespace },
  {
    title: 'Ready',
    render: r => {
      if (r.object.kind === 'Job' || r.object.kind === 'CronJob') {
        return '';
      }
      const { ready, desired } = readiness(r.object);
      return `${ready}/${desired}`;
    },
  },
  { title: 'Images', render: r => images(r.object) },
  { title: 'Age', render: r => age(r.object) },
  { title: 'Problems', render: r => <ProblemChips problems={r.problems} /> },
];

const podColumns: TableColumn<Row>[] = [
  { title: 'Namespace', render: r => r.object.metadata.namespace },
  { title: 'Status', render: r => podStatus(r.object) },
  { title: 'Restarts', render: r => podRestarts(r.object) },
  {
    title: 'Node',
    render: r => (r.object.spec as { nodeName?: string })?.nodeName,
  },
  { title: 'Age', render: r => age(r.object) },
  { title: 'Problems', render: r => <ProblemChips problems={r.problems} /> },
];

/**
 * The workloads and pods of an entity on one cluster, with their problems.
 * A change on another cluster leaves this one's tables as they are.
 */
export const WorkloadsTables = memo(function ClusterWorkloadsTables(props: {
  workloads: ClusterWorkloads;
}) {
  const { workloads } = props;
  const [pending, setPending] = useState<PendingAction>();
  const [opened, setOpened] = useState<K8sOpsObjectRef>();
  const nameColumn = (title: string): TableColumn<Row> => ({
    title,
    field: 'object.metadata.name',
    highlight: true,
    render: r => <NameCell row={r} onOpen={setOpened} />,
  });
  const refOf = (resource: string, object: KubeObject): K8sOpsObjectRef => ({
    cluster: workloads.cluster,
    resource,
    namespace: object.metadata.namespace,
    name: object.metadata.name ?? '',
  });
  const workloadRows: Row[] = WORKLOAD_CONTROLLER_RESOURCES.flatMap(kind =>
    (workloads.resources[kind] ?? []).map(object => ({
      object,
      problems: detectWorkloadProblems(object),
      id: object.metadata.uid ?? `${kind}/${object.metadata.name}`,
      ref: refOf(kind, object),
    })),
  );
  const podRows: Row[] = (workloads.resources.pods ?? []).map(object => ({
    object,
    problems: detectPodProblems(object),
    id: object.metadata.uid ?? object.metadata.name ?? '',
    ref: refOf('pods', object),
  }));
  const actions: TableColumn<Row> = {
    title: 'Actions',
    sorting: false,
    render: r => (
      <ObjectActionButtons
        object={r.object}
        target={r.ref}
        readOnly={workloads.readOnly}
        onAction={setPending}
      />
    ),
  };
  // The dialog follows the object as it changes.
  const pendingObject = pending
    ? workloads.resources[pending.ref.resource]?.find(
        o =>
          o.metadata.name === pending.ref.name &&
          o.metadata.namespace === pending.ref.namespace,
      )
    : undefined;
  const stale = workloads.freshness && !workloads.freshness.live;
  return (
    <Box mb={3} data-testid={`cluster-${workloads.cluster}`}>
      <Typography variant="h6">
        {workloads.title}
        {workloads.group ? ` · ${workloads.group}` : ''}
        {workloads.readOnly ? ' · read-only' : ''}
      </Typography>
      {workloads.error && (
        <Typography color="error" variant="body2">
          {workloads.error}
        </Typography>
      )}
      {stale && (
        <Typography color="textSecondary" variant="body2">
          Not live: shown as of {workloads.freshness?.syncedAt}
          {workloads.freshness?.error ? ` (${workloads.freshness.error})` : ''}
        </Typography>
      )}
      {!workloads.error && (
        <>
          <Table<Row>
            title="Workloads"
            options={{
              paging: false,
              search: false,
              padding: 'dense',
              toolbar: true,
            }}
            columns={[
              workloadColumns[0],
              nameColumn('Name'),
              ...workloadColumns.slice(1),
              actions,
            ]}
            data={workloadRows}
          />
          <Table<Row>
            title="Pods"
            options={{
              paging: podRows.length > 50,
              pageSize: 50,
              search: false,
              padding: 'dense',
            }}
            columns={[nameColumn('Pod'), ...podColumns, actions]}
            data={podRows}
          />
        </>
      )}
      {opened && (
        <ObjectDrawer objectRef={opened} onClose={() => setOpened(undefined)} />
      )}
      <ObjectActionDialog
        pending={pending}
        object={pendingObject}
        onClose={() => setPending(undefined)}
      />
    </Box>
  );
});
