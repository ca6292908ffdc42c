import { Table, TableColumn } from '@backstage/core-components';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Chip from '@material-ui/core/Chip';

const columns: TableColumn<ClusterSummary>[] = [
  { title: 'Cluster', field: 'title', highlight: true },
  { title: 'Name', field: 'name' },
  { title: 'Group', field: 'group', emptyValue: '—' },
  { title: 'API server', field: 'url' },
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
    render: cluster =>
      cluster.readOnly ? (
        <Chip size="small" color="secondary" label="read-only" />
      ) : (
        'read-write'
      ),
  },
];

/** The clusters a person may see. */
export function ClustersTable(props: {
  clusters: ClusterSummary[];
  title?: string;
}) {
  return (
    <Table<ClusterSummary>
      title={props.title ?? 'Clusters'}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.clusters}
      emptyContent={
        <div style={{ padding: 16 }}>
          No clusters yet. Add them under <code>k8sOps.clusters</code> in
          app-config.yaml.
        </div>
      }
    />
  );
}
