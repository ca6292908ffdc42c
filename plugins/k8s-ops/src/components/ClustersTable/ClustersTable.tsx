import { Link, Table, TableColumn } from '@backstage/core-components';
import { ClusterHealth, ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

const healthColor: Record<
  ClusterHealth['status'],
  'primary' | 'secondary' | 'default'
> = {
  reachable: 'primary',
  degraded: 'secondary',
  unreachable: 'secondary',
  unknown: 'default',
};

function HealthChip(props: { health?: ClusterHealth }) {
  const { health } = props;
  if (!health) {
    return <Chip size="small" label="not checked yet" />;
  }
  const chip = (
    <Chip
      size="small"
      color={healthColor[health.status]}
      label={health.status}
      data-testid="cluster-health"
    />
  );
  return health.error ? <Tooltip title={health.error}>{chip}</Tooltip> : chip;
}

function ManageActions(props: {
  cluster: ClusterSummary;
  onEdit?: (cluster: ClusterSummary) => void;
  onRemove?: (cluster: ClusterSummary) => void;
}) {
  const { cluster, onEdit, onRemove } = props;
  // Only registered clusters live in the database; the others are read from
  // app-config on every start, so an edit here would not last.
  if (cluster.source !== 'registered') {
    return (
      <Tooltip title="Defined in app-config; edit it there">
        <Typography variant="caption" color="textSecondary">
          from app-config
        </Typography>
      </Tooltip>
    );
  }
  return (
    <>
      {onEdit && (
        <Button
          size="small"
          aria-label={`Edit ${cluster.title}`}
          onClick={() => onEdit(cluster)}
        >
          Edit
        </Button>
      )}
      {onRemove && (
        <Button
          size="small"
          aria-label={`Remove ${cluster.title}`}
          onClick={() => onRemove(cluster)}
        >
          Remove
        </Button>
      )}
    </>
  );
}

/** The clusters a person may see, with their last health check. */
export function ClustersTable(props: {
  clusters: ClusterSummary[];
  title?: string;
  /** Checks a cluster now; without it, there is no check button. */
  onCheck?: (cluster: string) => void;
  /** Edits a registered cluster; without it, there is no edit button. */
  onEdit?: (cluster: ClusterSummary) => void;
  /** Removes a registered cluster; without it, there is no remove button. */
  onRemove?: (cluster: ClusterSummary) => void;
  /** Infrastructure services found per cluster; without it, no column. */
  infraCounts?: Map<string, number>;
}) {
  const { onCheck, onEdit, onRemove } = props;
  const columns: TableColumn<ClusterSummary>[] = [
    {
      title: 'Cluster',
      field: 'title',
      highlight: true,
      // Relative to the dashboard, so it works wherever the page is mounted.
      render: cluster => (
        <Link to={`clusters/${encodeURIComponent(cluster.name)}`}>
          {cluster.title}
        </Link>
      ),
    },
    { title: 'Name', field: 'name' },
    { title: 'Group', field: 'group', emptyValue: '—' },
    { title: 'Health', render: c => <HealthChip health={c.health} /> },
    { title: 'Version', render: c => c.health?.version ?? '—' },
    { title: 'Nodes', render: c => c.health?.nodes ?? '—' },
    {
      title: 'Last check',
      render: c =>
        c.health ? new Date(c.health.checkedAt).toLocaleTimeString() : '—',
    },
    {
      title: 'Labels',
      field: 'labels',
      sorting: false,
      render: cluster =>
        Object.entries(cluster.labels).map(([key, value]) => (
          <Chip key={key} size="small" label={`${key}=${value}`} />
        )),
    },
    {
      title: 'Access',
      field: 'readOnly',
      render: cluster => (
        <>
          {cluster.readOnly ? (
            <Chip size="small" color="secondary" label="read-only" />
          ) : (
            'read-write'
          )}
          {cluster.insecure && (
            <Tooltip title="The server's certificate is not verified (insecure-skip-tls-verify)">
              <Chip size="small" label="insecure TLS" />
            </Tooltip>
          )}
        </>
      ),
    },
  ];
  const { infraCounts } = props;
  if (infraCounts) {
    columns.push({
      title: 'Infrastructure',
      sorting: false,
      render: cluster => {
        const count = infraCounts.get(cluster.name);
        return (
          <Link
            to={`infrastructure?cluster=${encodeURIComponent(cluster.name)}`}
          >
            <Chip
              size="small"
              clickable
              data-testid="infra-badge"
              label={count === undefined ? 'not scanned' : `${count} services`}
            />
          </Link>
        );
      },
    });
  }
  if (onCheck || onEdit || onRemove) {
    columns.push({
      title: '',
      sorting: false,
      render: cluster => (
        <Box display="flex" alignItems="center" style={{ gap: 4 }}>
          {onCheck && (
            // The name starts with the visible label, so "Check now" said
            // to voice control still finds the button (WCAG 2.5.3).
            <Button
              size="small"
              aria-label={`Check now: ${cluster.title}`}
              onClick={() => onCheck(cluster.name)}
            >
              Check now
            </Button>
          )}
          {(onEdit || onRemove) && (
            <ManageActions
              cluster={cluster}
              onEdit={onEdit}
              onRemove={onRemove}
            />
          )}
        </Box>
      ),
    });
  }
  return (
    <Table<ClusterSummary>
      title={props.title ?? 'Clusters'}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.clusters}
      emptyContent={
        <div style={{ padding: 16 }}>
          No clusters yet. Add them under <code>k8sOps.clusters</code> in
          app-config.yaml{onEdit || onRemove ? ', or register one' : ''}.
        </div>
      }
    />
  );
}
