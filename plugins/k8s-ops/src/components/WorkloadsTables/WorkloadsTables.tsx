import { Table, TableOptions } from '@backstage/core-components';
import {
  ClusterHealth,
  ClusterWorkloads,
  detectPodProblems,
  detectWorkloadProblems,
  K8sOpsObjectRef,
  KubeObject,
  summarizeClusterWorkloads,
  WORKLOAD_CONTROLLER_RESOURCES,
  WORKLOAD_RESOURCES,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { memo, useCallback, useMemo, useState } from 'react';
import {
  customResourceDetails,
  OTHER_ENTITY_RESOURCES,
  otherObjectDetails,
  ObjectTab,
} from '../../lib/entityObjects';
import { ObjectDrawer } from '../ObjectDrawer';
import { ObjectRow, OpenObjectContext } from './cells';
import {
  customColumns,
  otherColumns,
  podColumns,
  withoutNamespace,
  workloadColumns,
} from './columns';

// Built once: material-table keeps its state while its columns stay the
// same objects.
const COLUMNS = {
  workloads: workloadColumns,
  pods: podColumns,
  other: otherColumns,
  custom: customColumns,
};
const ONE_NAMESPACE_COLUMNS = {
  workloads: withoutNamespace(workloadColumns),
  pods: withoutNamespace(podColumns),
  other: withoutNamespace(otherColumns),
  custom: withoutNamespace(customColumns),
};

const workloadOptions: TableOptions<ObjectRow> = {
  paging: false,
  search: false,
  padding: 'dense',
  toolbar: true,
};
const pagedPodOptions: TableOptions<ObjectRow> = {
  paging: true,
  pageSize: 50,
  pageSizeOptions: [50, 100, 500],
  emptyRowsWhenPaging: false,
  search: false,
  padding: 'dense',
};

// Kinds fetched to complete others (EndpointSlices for Services) or stood
// for by another (ReplicaSets by their Deployments): no rows of their own.
const HIDDEN = new Set(['replicasets.apps', 'endpointslices.discovery.k8s.io']);

function rowsOf(
  workloads: ClusterWorkloads,
  resources: string[],
  problemsOf: (object: KubeObject) => ObjectRow['problems'],
  details?: (resource: string, object: KubeObject) => string,
): ObjectRow[] {
  return resources.flatMap(resource =>
    (workloads.resources[resource] ?? []).map(object => ({
      id: object.metadata.uid ?? `${resource}/${object.metadata.name}`,
      object,
      ref: {
        cluster: workloads.cluster,
        resource,
        namespace: object.metadata.namespace,
        name: object.metadata.name ?? '',
      },
      problems: problemsOf(object),
      readOnly: workloads.readOnly,
      details: details?.(resource, object),
    })),
  );
}

const none = () => [];

function HealthChip(props: { health?: ClusterHealth }) {
  const { health } = props;
  if (!health) return null;
  const chip = (
    <Chip
      size="small"
      label={health.status}
      color={health.status === 'reachable' ? 'primary' : 'secondary'}
      data-testid="cluster-health"
    />
  );
  return health.error ? <Tooltip title={health.error}>{chip}</Tooltip> : chip;
}

/** The group header: the cluster, its health, freshness and access. */
function ClusterHeader(props: {
  workloads: ClusterWorkloads;
  health?: ClusterHealth;
}) {
  const { workloads, health } = props;
  const stale = workloads.freshness && !workloads.freshness.live;
  const summary = summarizeClusterWorkloads(workloads);
  return (
    <Box mb={1}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h2">
          {workloads.title}
          {workloads.group ? ` · ${workloads.group}` : ''}
        </Typography>
        <HealthChip health={health} />
        {workloads.freshness?.live && (
          <Chip size="small" variant="outlined" label="live" />
        )}
        {stale && <Chip size="small" color="secondary" label="not live" />}
        {workloads.readOnly && (
          <Chip size="small" variant="outlined" label="read-only" />
        )}
      </Box>
      {!workloads.error && (
        <Typography variant="body2" color="textSecondary">
          {summary.workloads} workloads, {summary.readyPods} of {summary.pods}{' '}
          pods ready,{' '}
          {summary.problems.length === 0
            ? 'no problems'
            : `${summary.problems.length} ${
                summary.problems.length === 1 ? 'problem' : 'problems'
              }`}
        </Typography>
      )}
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
    </Box>
  );
}

/**
 * An entity's objects on one cluster: workloads, pods and the objects that
 * serve and configure them, with their problems. A change on another
 * cluster leaves this one's tables as they are.
 */
export const WorkloadsTables = memo(function ClusterWorkloadsTables(props: {
  workloads: ClusterWorkloads;
  health?: ClusterHealth;
  /** Whether every object is in the entity's one namespace. */
  oneNamespace?: boolean;
}) {
  const { workloads, health } = props;
  const columns = props.oneNamespace ? ONE_NAMESPACE_COLUMNS : COLUMNS;
  const [opened, setOpened] = useState<{
    ref: K8sOpsObjectRef;
    tab?: ObjectTab;
  }>();
  const open = useCallback(
    (ref: K8sOpsObjectRef, tab?: ObjectTab) => setOpened({ ref, tab }),
    [],
  );
  const { workloadRows, podRows, otherRows, customRows } = useMemo(() => {
    const custom = Object.keys(workloads.resources)
      .filter(r => !WORKLOAD_RESOURCES.includes(r) && !HIDDEN.has(r))
      .sort();
    return {
      workloadRows: rowsOf(
        workloads,
        WORKLOAD_CONTROLLER_RESOURCES,
        detectWorkloadProblems,
      ),
      podRows: rowsOf(workloads, ['pods'], detectPodProblems),
      otherRows: rowsOf(
        workloads,
        OTHER_ENTITY_RESOURCES,
        none,
        (resource, object) => otherObjectDetails(resource, object, workloads),
      ),
      customRows: rowsOf(workloads, custom, none, (_, object) =>
        customResourceDetails(object),
      ),
    };
  }, [workloads]);
  return (
    <OpenObjectContext.Provider value={open}>
      <Box mb={3} data-testid={`cluster-${workloads.cluster}`}>
        <ClusterHeader workloads={workloads} health={health} />
        {!workloads.error && (
          <>
            <Table<ObjectRow>
              title={`Workloads (${workloadRows.length})`}
              options={workloadOptions}
              columns={columns.workloads}
              data={workloadRows}
            />
            <Table<ObjectRow>
              title={`Pods (${podRows.length})`}
              options={podRows.length > 50 ? pagedPodOptions : workloadOptions}
              columns={columns.pods}
              data={podRows}
            />
            {otherRows.length > 0 && (
              <Table<ObjectRow>
                title={`Services, Ingresses and configuration (${otherRows.length})`}
                options={workloadOptions}
                columns={columns.other}
                data={otherRows}
              />
            )}
            {customRows.length > 0 && (
              <Table<ObjectRow>
                title={`Custom resources (${customRows.length})`}
                options={workloadOptions}
                columns={columns.custom}
                data={customRows}
              />
            )}
          </>
        )}
        {opened && (
          <ObjectDrawer
            objectRef={opened.ref}
            initialTab={opened.tab}
            readOnly={workloads.readOnly}
            onClose={() => setOpened(undefined)}
          />
        )}
      </Box>
    </OpenObjectContext.Provider>
  );
});
