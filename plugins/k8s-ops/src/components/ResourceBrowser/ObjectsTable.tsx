import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import {
  CacheFreshness,
  KindDescriptor,
  KubeObject,
  objectKeyOf,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { age } from '../../lib/format';
import { backendMessage, statusOf } from '../../lib/backendMessage';
import { extraColumns } from '../../lib/extraColumns';
import { pluralTitle } from '../../lib/kindGroups';
import { useResourceList } from '../../hooks/useResourceList';

type Row = { id: string; object: KubeObject };

const SHOWN_LABELS = 3;

function Labels(props: { labels?: Record<string, string> }) {
  const entries = Object.entries(props.labels ?? {});
  const more = entries.slice(SHOWN_LABELS);
  return (
    <>
      {entries.slice(0, SHOWN_LABELS).map(([key, value]) => (
        <Chip key={key} size="small" label={`${key}=${value}`} />
      ))}
      {more.length > 0 && (
        <Tooltip title={more.map(([k, v]) => `${k}=${v}`).join(', ')}>
          <Chip size="small" variant="outlined" label={`+${more.length}`} />
        </Tooltip>
      )}
    </>
  );
}

// One collator for every comparison: `localeCompare` with options builds a
// new one per call, which makes sorting thousands of rows take seconds.
const collator = new Intl.Collator(undefined, { numeric: true });

function compareText(a: string | number, b: string | number) {
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : collator.compare(String(a), String(b));
}

// Row wrappers are kept per object, so that an update of one object leaves
// the others' table state (material-table writes into rows) untouched.
const rowCache = new WeakMap<KubeObject, Row>();
function rowOf(object: KubeObject): Row {
  let row = rowCache.get(object);
  if (!row) {
    row = {
      id: objectKeyOf(object),
      object,
    };
    rowCache.set(object, row);
  }
  return row;
}

function staleTitle(freshness: CacheFreshness) {
  return `Stale: not live${
    freshness.staleSeconds !== undefined
      ? `, last synced ${Math.round(freshness.staleSeconds)}s ago`
      : ''
  }`;
}

function staleMessage(freshness: CacheFreshness) {
  return [
    'Shown from the cache, which is not connected to the cluster',
    freshness.syncedAt &&
      `as of ${new Date(freshness.syncedAt).toLocaleString()}`,
    freshness.error,
  ]
    .filter(Boolean)
    .join(': ');
}

/**
 * The objects of one kind: generic columns and a few the kind calls for,
 * filtered and sorted among the loaded rows, further pages on demand, and
 * rows updated live from the change stream.
 */
export function ObjectsTable(props: {
  cluster: string;
  kind: KindDescriptor;
  namespace?: string;
  labelSelector?: string;
  onLabelSelectorChange: (selector: string | undefined) => void;
  objectHref: (object: KubeObject) => string;
}) {
  const { cluster, kind, labelSelector, objectHref } = props;
  const namespace = kind.namespaced ? props.namespace : undefined;
  const navigate = useNavigate();
  const resource = resourceNameOf(kind);
  const { list, freshness, loading, error, loadMore, loadingMore, moreError } =
    useResourceList({ cluster, resource, namespace, labelSelector });

  const [nameFilter, setNameFilter] = useState('');
  const [selectorText, setSelectorText] = useState(labelSelector ?? '');
  useEffect(() => setSelectorText(labelSelector ?? ''), [labelSelector]);

  const items = useMemo(() => list?.items ?? [], [list]);
  const extras = extraColumns(kind, items);
  const extrasKey = extras.map(e => e.title).join(',');

  const columns = useMemo((): TableColumn<Row>[] => {
    const text = (value: (o: KubeObject) => string | number) => ({
      render: (r: Row) => value(r.object),
      customSort: (a: Row, b: Row) =>
        compareText(value(a.object), value(b.object)),
    });
    return [
      {
        title: 'Name',
        highlight: true,
        customSort: (a, b) =>
          compareText(
            a.object.metadata.name ?? '',
            b.object.metadata.name ?? '',
          ),
        render: r => (
          <Link to={objectHref(r.object)} onClick={e => e.stopPropagation()}>
            {r.object.metadata.name}
          </Link>
        ),
      },
      ...(kind.namespaced
        ? [{ title: 'Namespace', ...text(o => o.metadata.namespace ?? '') }]
        : []),
      ...extras.map(extra => ({ title: extra.title, ...text(extra.value) })),
      {
        title: 'Labels',
        sorting: false,
        render: r => <Labels labels={r.object.metadata.labels} />,
      },
      {
        title: 'Age',
        render: r => age(r.object),
        // Newest first when sorted ascending by age.
        customSort: (a, b) =>
          compareText(
            b.object.metadata.creationTimestamp ?? '',
            a.object.metadata.creationTimestamp ?? '',
          ),
      },
    ];
    // extras are recomputed on every render; their titles say when they change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, extrasKey, objectHref]);

  const rows = useMemo(() => {
    const filter = nameFilter.trim().toLowerCase();
    const shown = filter
      ? items.filter(o =>
          (o.metadata.name ?? '').toLowerCase().includes(filter),
        )
      : items;
    return shown.map(rowOf);
  }, [items, nameFilter]);

  const selectorError = error && labelSelector && statusOf(error) === 400;
  const title = pluralTitle(kind);

  return (
    <Box data-testid="objects">
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        <TextField
          id="k8s-ops-name-filter"
          label="Filter by name"
          margin="dense"
          value={nameFilter}
          onChange={e => setNameFilter(e.target.value)}
          helperText={list?.continue ? 'Among the loaded objects' : ' '}
        />
        <TextField
          id="k8s-ops-label-selector"
          label="Label selector"
          margin="dense"
          placeholder="app.kubernetes.io/name=web,tier in (a,b)"
          style={{ minWidth: 320 }}
          value={selectorText}
          onChange={e => setSelectorText(e.target.value)}
          onKeyDown={e => {
            if (e.key === 'Enter') {
              props.onLabelSelectorChange(selectorText.trim() || undefined);
            }
          }}
          error={Boolean(selectorError)}
          helperText={
            selectorError ? backendMessage(error) : 'Press Enter to apply'
          }
        />
      </Box>
      {freshness && !freshness.live && (
        <Box mb={1}>
          <WarningPanel
            severity="warning"
            title={staleTitle(freshness)}
            message={staleMessage(freshness)}
            defaultExpanded
          />
        </Box>
      )}
      {loading && <Progress />}
      {error && !selectorError && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {list && !loading && (
        <>
          <Table<Row>
            title={`${title} (${list.total})`}
            options={{
              paging: true,
              pageSize: 50,
              pageSizeOptions: [20, 50, 100, 500],
              emptyRowsWhenPaging: false,
              search: false,
              padding: 'dense',
            }}
            columns={columns}
            data={rows}
            onRowClick={(_event, row) =>
              row && navigate(objectHref(row.object))
            }
            emptyContent={
              <Typography style={{ padding: 16 }} color="textSecondary">
                No {title.toLowerCase()}
                {namespace ? ` in namespace ${namespace}` : ''}
                {labelSelector ? ` labelled ${labelSelector}` : ''}.
              </Typography>
            }
          />
          <Box display="flex" alignItems="center" mt={1} style={{ gap: 16 }}>
            <Typography variant="body2" color="textSecondary">
              {list.items.length} of {list.total} loaded
            </Typography>
            {list.continue && (
              <Button
                variant="outlined"
                size="small"
                onClick={loadMore}
                disabled={loadingMore}
              >
                Load more
              </Button>
            )}
            {moreError && (
              <Typography variant="body2" color="error">
                {backendMessage(moreError)}
              </Typography>
            )}
          </Box>
        </>
      )}
    </Box>
  );
}
