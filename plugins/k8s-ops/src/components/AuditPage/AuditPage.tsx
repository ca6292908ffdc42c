import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { AuditEntry, AuditQuery } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';

const columns: TableColumn<AuditEntry>[] = [
  { title: 'When', render: e => new Date(e.createdAt).toLocaleString() },
  { title: 'Who', field: 'actor' },
  { title: 'Action', field: 'action' },
  { title: 'Cluster', field: 'cluster', emptyValue: '—' },
  { title: 'Namespace', field: 'namespace', emptyValue: '—' },
  { title: 'Kind', field: 'kind', emptyValue: '—' },
  { title: 'Name', field: 'name', emptyValue: '—' },
  {
    title: 'Outcome',
    render: e => (
      <Chip
        size="small"
        color={e.outcome === 'succeeded' ? 'primary' : 'secondary'}
        label={`${e.outcome} (${e.status})`}
      />
    ),
  },
  { title: 'Summary', field: 'summary', emptyValue: '' },
];

type Filters = Pick<
  AuditQuery,
  'actor' | 'action' | 'cluster' | 'namespace' | 'outcome'
>;

/** The audit trail of k8s-ops: who changed what, where, and how it went. */
export function AuditPage() {
  const api = useApi(k8sOpsApiRef);
  const [filters, setFilters] = useState<Filters>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let active = true;
    setLoading(true);
    api
      .queryAudit({ ...filters, limit: 50 })
      .then(page => {
        if (active) {
          setEntries(page.items);
          setCursor(page.nextCursor);
          setError(undefined);
        }
      })
      .catch(e => active && setError(e))
      .finally(() => active && setLoading(false));
    return () => {
      active = false;
    };
  }, [api, filters]);

  const loadMore = async () => {
    try {
      const page = await api.queryAudit({ ...filters, limit: 50, cursor });
      setEntries(current => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e as Error);
    }
  };

  const filter = (key: keyof Filters, label: string) => (
    <TextField
      id={`k8s-ops-audit-${key}`}
      label={label}
      size="small"
      variant="outlined"
      value={filters[key] ?? ''}
      onChange={event =>
        setFilters(current => ({
          ...current,
          [key]: event.target.value || undefined,
        }))
      }
    />
  );

  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes audit"
        subtitle="Every change made through k8s-ops"
      />
      <Content>
        <Box display="flex" gridGap={8} mb={2}>
          {filter('actor', 'Who')}
          {filter('action', 'Action')}
          {filter('cluster', 'Cluster')}
          {filter('namespace', 'Namespace')}
          <TextField
            id="k8s-ops-audit-outcome"
            select
            label="Outcome"
            size="small"
            variant="outlined"
            style={{ minWidth: 140 }}
            value={filters.outcome ?? ''}
            onChange={event =>
              setFilters(current => ({
                ...current,
                outcome: (event.target.value ||
                  undefined) as Filters['outcome'],
              }))
            }
          >
            <MenuItem value="">any</MenuItem>
            <MenuItem value="succeeded">succeeded</MenuItem>
            <MenuItem value="failed">failed</MenuItem>
          </TextField>
        </Box>
        {error && <ResponseErrorPanel error={error} />}
        <Table<AuditEntry>
          title="Audit trail"
          isLoading={loading}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={entries}
        />
        {cursor && (
          <Box mt={1}>
            <Button onClick={loadMore}>Load more</Button>
          </Box>
        )}
      </Content>
    </Page>
  );
}
