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
import { useEffect, useMemo, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { backendMessage } from '../../lib/backendMessage';

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

type TextFilters = Pick<
  AuditQuery,
  'actor' | 'action' | 'cluster' | 'namespace'
>;

const PAGE_SIZE = 50;

// Long enough that typing a word costs one query, not one per keystroke.
const TYPING_DELAY_MS = 300;

/** The audit trail of k8s-ops: who changed what, where, and how it went. */
export function AuditPage() {
  const api = useApi(k8sOpsApiRef);
  // The text filters as typed, and as queried once the typing pauses; the
  // outcome is a pick, queried at once.
  const [typed, setTyped] = useState<TextFilters>({});
  const [text, setText] = useState(typed);
  const [outcome, setOutcome] = useState<AuditQuery['outcome']>();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);

  useDebounce(() => setText(typed), TYPING_DELAY_MS, [typed]);

  const query = useMemo(
    () => ({ ...text, ...(outcome ? { outcome } : {}) }),
    [text, outcome],
  );

  // Every query of a first page starts a generation. An answer of an older
  // generation is dropped, so a page of the previous filters never replaces
  // or extends the rows of the current ones.
  const generation = useRef(0);
  // The generation whose "Load more" is in flight: one page at a time.
  const loadingMoreOf = useRef<number>();

  useEffect(() => {
    const current = ++generation.current;
    const isCurrent = () => generation.current === current;
    setLoading(true);
    setLoadingMore(false);
    api
      .queryAudit({ ...query, limit: PAGE_SIZE })
      .then(page => {
        if (isCurrent()) {
          setEntries(page.items);
          setCursor(page.nextCursor);
          setError(undefined);
        }
      })
      .catch(e => isCurrent() && setError(e))
      .finally(() => isCurrent() && setLoading(false));
    return () => {
      // Unmounted, or superseded by the next query.
      generation.current += 1;
    };
  }, [api, query]);

  const loadMore = async () => {
    const current = generation.current;
    if (loading || loadingMoreOf.current === current) {
      return;
    }
    const isCurrent = () => generation.current === current;
    loadingMoreOf.current = current;
    setLoadingMore(true);
    try {
      const page = await api.queryAudit({
        ...query,
        limit: PAGE_SIZE,
        cursor,
      });
      if (isCurrent()) {
        setEntries(rows => [...rows, ...page.items]);
        setCursor(page.nextCursor);
      }
    } catch (e) {
      if (isCurrent()) {
        setError(e as Error);
      }
    } finally {
      if (isCurrent()) {
        loadingMoreOf.current = undefined;
        setLoadingMore(false);
      }
    }
  };

  const filter = (key: keyof TextFilters, label: string) => (
    <TextField
      id={`k8s-ops-audit-${key}`}
      label={label}
      size="small"
      variant="outlined"
      value={typed[key] ?? ''}
      onChange={event =>
        setTyped(current => ({
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
            value={outcome ?? ''}
            onChange={event =>
              setOutcome(
                (event.target.value || undefined) as AuditQuery['outcome'],
              )
            }
          >
            <MenuItem value="">any</MenuItem>
            <MenuItem value="succeeded">succeeded</MenuItem>
            <MenuItem value="failed">failed</MenuItem>
          </TextField>
        </Box>
        {error && (
          <ResponseErrorPanel error={error} title={backendMessage(error)} />
        )}
        <Table<AuditEntry>
          title="Audit trail"
          isLoading={loading}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={entries}
        />
        {cursor && (
          <Box mt={1}>
            <Button onClick={loadMore} disabled={loading || loadingMore}>
              Load more
            </Button>
          </Box>
        )}
      </Content>
    </Page>
  );
}
