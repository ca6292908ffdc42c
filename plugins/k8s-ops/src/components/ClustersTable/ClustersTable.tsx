import { Link, Table, TableColumn } from '@backstage/core-components';
import { ClusterHealth, ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useMemo, useState } from 'react';

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
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // Only registered clusters live in the database; the others are read from
  // app-config on every start, so an edit here would not last.
  if (cluster.source !== 'registered') {
    return (
      <Tooltip title="Defined in app-config; edit it there">
        <Typography variant="caption" color="textSecondary" noWrap>
          from app-config
        </Typography>
      </Tooltip>
    );
  }
  const pick = (action: (cluster: ClusterSummary) => void) => () => {
    setAnchor(null);
    action(cluster);
  };
  return (
    <>
      <IconButton
        size="small"
        aria-label={`More actions for ${cluster.title}`}
        aria-haspopup="menu"
        onClick={e => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {onEdit && (
          <MenuItem
            dense
            onClick={pick(onEdit)}
            aria-label={`Edit ${cluster.title}`}
          >
            Edit
          </MenuItem>
        )}
        {onRemove && (
          <MenuItem
            dense
            onClick={pick(onRemove)}
            aria-label={`Remove ${cluster.title}`}
          >
            Remove
          </MenuItem>
        )}
      </Menu>
    </>
  );
}

type Row = ClusterSummary & { id: string };

const nowrap = { whiteSpace: 'nowrap' } as const;

function Access(props: { cluster: ClusterSummary }) {
  const { cluster } = props;
  let access = <Chip size="small" variant="outlined" label="read-write" />;
  if (cluster.readOnly) {
    access = <Chip size="small" color="secondary" label="read-only" />;
  } else if (cluster.mayChange === false) {
    access = <Chip size="small" variant="outlined" label="read-only for you" />;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {access}
      {cluster.insecure && (
        <Tooltip title="The server's certificate is not verified (insecure-skip-tls-verify)">
          <Chip size="small" label="insecure TLS" />
        </Tooltip>
      )}
    </Box>
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
  const { infraCounts } = props;
  // Stable columns: material-table resets its state when they change.
  const columns = useMemo(() => {
    const list: TableColumn<Row>[] = [
      {
        title: 'Cluster',
        field: 'title',
        highlight: true,
        // Relative to the dashboard, so it works wherever the page is mounted.
        render: cluster => (
          <>
            <Link to={`clusters/${encodeURIComponent(cluster.name)}`}>
              {cluster.title}
            </Link>
            {cluster.title !== cluster.name && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {cluster.name}
              </Typography>
            )}
          </>
        ),
      },
      { title: 'Group', field: 'group', emptyValue: '—', cellStyle: nowrap },
      {
        title: 'Health',
        customSort: (a, b) =>
          (a.health?.status ?? '').localeCompare(b.health?.status ?? ''),
        render: c => (
          <>
            <HealthChip health={c.health} />
            {c.health?.version && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
                noWrap
              >
                {c.health.version}
                {c.health.nodes !== undefined
                  ? ` · ${c.health.nodes} nodes`
                  : ''}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Last check',
        cellStyle: nowrap,
        render: c =>
          c.health ? new Date(c.health.checkedAt).toLocaleTimeString() : '—',
      },
      {
        title: 'Labels',
        field: 'labels',
        sorting: false,
        render: cluster => (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {Object.entries(cluster.labels).map(([key, value]) => (
              <Chip key={key} size="small" label={`${key}=${value}`} />
            ))}
          </Box>
        ),
      },
      {
        title: 'Access',
        field: 'readOnly',
        render: cluster => <Access cluster={cluster} />,
      },
    ];
    if (infraCounts) {
      list.push({
        title: 'Infra services',
        sorting: false,
        cellStyle: nowrap,
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
                label={
                  count === undefined ? 'not scanned' : `${count} services`
                }
              />
            </Link>
          );
        },
      });
    }
    if (onCheck || onEdit || onRemove) {
      list.push({
        title: 'Actions',
        sorting: false,
        cellStyle: nowrap,
        render: cluster => (
          <Box display="flex" alignItems="center" style={{ gap: 4 }}>
            {onCheck && (
              // The name starts with the visible label, so "Check now" said
              // to voice control still finds the button (WCAG 2.5.3).
              <Button
                size="small"
                aria-label={`Check now: ${cluster.title}`}
                onClick={() => onCheck(cluster.name)}
                style={nowrap}
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
    return list;
  }, [onCheck, onEdit, onRemove, infraCounts]);
  const rows = useMemo(
    () => props.clusters.map(c => ({ ...c, id: c.name })),
    [props.clusters],
  );
  const options = useMemo(
    () => ({ paging: false, search: false, padding: 'dense' as const }),
    [],
  );
  return (
    <Table<Row>
      title={props.title ?? 'Clusters'}
      options={options}
      columns={columns}
      data={rows}
      emptyContent={
        <div style={{ padding: 16 }}>
          No clusters yet. Add them under <code>k8sOps.clusters</code> in
          app-config.yaml{onEdit || onRemove ? ', or register one' : ''}.
        </div>
      }
    />
  );
}
