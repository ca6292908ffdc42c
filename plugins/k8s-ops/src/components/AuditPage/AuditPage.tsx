import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { AuditEntry, AuditQuery } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { useDisplayNames } from '../../hooks/useDisplayNames';
import { backendMessage } from '../../lib/backendMessage';
import { AuditDetail, auditColumns, DisplayNamesContext } from './auditColumns';

type TextFilters = Pick<
  AuditQuery,
  'actor' | 'action' | 'cluster' | 'namespace' | 'kind' | 'name'
>;

const TEXT_FILTERS: Array<[keyof TextFilters, string]> = [
  ['actor', 'Who'],
  ['action', 'Action'],
  ['cluster', 'Cluster'],
  ['namespace', 'Namespace'],
  ['kind', 'Kind'],
  ['name', 'Name'],
];

// The time ranges offered, by how far back they reach.
const WITHIN: Record<string, { label: string; ms: number }> = {
  '1h': { label: 'last hour', ms: 3_600_000 },
  '24h': { label: 'last 24 hours', ms: 86_400_000 },
  '7d': { label: 'last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'last 30 days', ms: 30 * 86_400_000 },
};

/** The filters as the URL holds them, so a reload or a link keeps them. */
function filtersOf(search: URLSearchParams) {
  const text: TextFilters = {};
  for (const [key] of TEXT_FILTERS) {
    const value = search.get(key);
    if (value) text[key] = value;
  }
  const outcome = search.get('outcome');
  const within = search.get('within');
  return {
    text,
    outcome: (outcome === 'succeeded' || outcome === 'failed'
      ? outcome
      : undefined) as AuditQuery['outcome'],
    within: within && WITHIN[within] ? within : undefined,
  };
}

const PAGE_SIZE = 50;

const tableOptions = {
  paging: false,
  search: false,
  padding: 'dense' as const,
};

// A row opens to the entry in full.
const detailPanel = [
  {
    tooltip: 'Show all',
    render: ({ rowData }: { rowData: AuditEntry }) => (
      <AuditDetail entry={rowData} />
    ),
  },
];

// Long enough that typing a word costs one query, not one per keystroke.
const TYPING_DELAY_MS = 300;

/** The audit trail of k8s-ops: who changed what, where, and how it went. */
export function AuditPage() {
  const api = useApi(k8sOpsApiRef);
  // The text filters as typed, and as queried once the typing pauses; the
  // outcome is a pick, queried at once.
  const [search] = useSearchParams();
  // Read from the URL once; every change is written back to it.
  const [initial] = useState(() => filtersOf(search));
  const [typed, setTyped] = useState<TextFilters>(initial.text);
  const [text, setText] = useState(typed);
  const [outcome, setOutcome] = useState(initial.outcome);
  const [within, setWithin] = useState(initial.within);
  // The URL is kept in step with the filters without a navigation: the
  // page stays as it is, and a reload or a copied link finds them.
  const setParams = useCallback(
    (changes: Record<string, string | undefined>) => {
      const url = new URL(window.location.href);
      for (const [key, value] of Object.entries(changes)) {
        if (value) url.searchParams.set(key, value);
        else url.searchParams.delete(key);
      }
      if (url.href !== window.location.href) {
        window.history.replaceState(window.history.state, '', url);
      }
    },
    [],
  );
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);

  // Once typing pauses, the query and the URL follow.
  useDebounce(
    () => {
      setText(typed);
      setParams(
        Object.fromEntries(TEXT_FILTERS.map(([key]) => [key, typed[key]])),
      );
    },
    TYPING_DELAY_MS,
    [typed],
  );

  const query = useMemo(
    () => ({
      ...text,
      ...(outcome ? { outcome } : {}),
      ...(within
        ? { since: new Date(Date.now() - WITHIN[within].ms).toISOString() }
        : {}),
    }),
    [text, outcome, within],
  );
  const names = useDisplayNames(entries.map(e => e.actor));

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
      key={key}
      id={`k8s-ops-audit-${key}`}
      label={label}
      placeholder="any part"
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
        <Box display="flex" flexWrap="wrap" gridGap={8} mb={2}>
          {TEXT_FILTERS.map(([key, label]) => filter(key, label))}
          <TextField
            id="k8s-ops-audit-within"
            select
            label="When"
            size="small"
            variant="outlined"
            style={{ minWidth: 160 }}
            value={within ?? ''}
            onChange={event => {
              setWithin(event.target.value || undefined);
              setParams({ within: event.target.value || undefined });
            }}
          >
            <MenuItem value="">any time</MenuItem>
            {Object.entries(WITHIN).map(([key, { label }]) => (
              <MenuItem key={key} value={key}>
                {label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="k8s-ops-audit-outcome"
            select
            label="Outcome"
            size="small"
            variant="outlined"
            style={{ minWidth: 140 }}
            value={outcome ?? ''}
            onChange={event => {
              const value = event.target.value || undefined;
              setOutcome(value as AuditQuery['outcome']);
              setParams({ outcome: value });
            }}
          >
            <MenuItem value="">any</MenuItem>
            <MenuItem value="succeeded">succeeded</MenuItem>
            <MenuItem value="failed">failed</MenuItem>
          </TextField>
        </Box>
        {error && (
          <ResponseErrorPanel error={error} title={backendMessage(error)} />
        )}
        <DisplayNamesContext.Provider value={names}>
          <Table<AuditEntry>
            title="Audit trail"
            isLoading={loading}
            options={tableOptions}
            columns={auditColumns}
            data={entries}
            detailPanel={detailPanel}
            onRowClick={(_event, _row, toggle) => toggle?.()}
          />
        </DisplayNamesContext.Provider>
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
