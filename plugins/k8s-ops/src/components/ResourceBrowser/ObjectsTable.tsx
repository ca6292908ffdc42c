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
  K8sOpsObjectRef,
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
import LinearProgress from '@material-ui/core/LinearProgress';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { age } from '../../lib/format';
import { backendMessage, statusOf } from '../../lib/backendMessage';
import { extraColumns } from '../../lib/extraColumns';
import { pluralTitle } from '../../lib/kindGroups';
import { useResourceList } from '../../hooks/useResourceList';
import { ListOrder } from '../../lib/objectList';
import { ObjectActionsControl } from '../ObjectActions';
import { actionsFor } from '../ObjectActions/objectActions';

type Row = { id: string; object: KubeObject };

const SHOWN_LABELS = 3;

function Labels(props: { labels?: Record<string, string> }) {
  const entries = Object.entries(props.labels ?? {});
  const more = entries.slice(SHOWN_LABELS);
  return (
    <>
      {entries.slice(0, SHOWN_LABELS).map(([key, value]) => (
        // A long label is shortened with an ellipsis, in full on hover.
        <Chip
          key={key}
          size="small"
          label={`${key}=${value}`}
          title={`${key}=${value}`}
          style={{ maxWidth: '100%' }}
        />
      ))}
      {more.length > 0 && (
        <Tooltip title={more.map(([k, v]) => `${k}=${v}`).join(', ')}>
          <Chip size="small" variant="outlined" label={`+${more.length}`} />
        </Tooltip>
      )}
    </>
  );
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

const SORT_KEYS = ['name', 'namespace', 'age'] as const;
type SortKey = (typeof SORT_KEYS)[number];

// The backend sorts the whole list: the table keeps the rows in the order
// they came, and only tells which order was asked for.
const serverSorted = () => 0;

const nowrap = { whiteSpace: 'nowrap' } as const;

// Clicks in the actions (and their dialog, rendered in a portal) do not
// open the row.
function RowActions(props: {
  object: KubeObject;
  target: K8sOpsObjectRef;
  readOnly: boolean;
}) {
  return (
    <span onClick={e => e.stopPropagation()} role="presentation">
      <ObjectActionsControl {...props} />
    </span>
  );
}

/**
 * The objects of one kind: generic columns and a few the kind calls for,
 * sorted and filtered by name over the whole list by the backend, further
 * pages on demand, rows updated live from the change stream, and the
 * object's actions where the person may take them.
 */
export function ObjectsTable(props: {
  cluster: string;
  kind: KindDescriptor;
  namespace?: string;
  labelSelector?: string;
  onLabelSelectorChange: (selector: string | undefined) => void;
  objectHref: (object: KubeObject) => string;
  /** Whether the person may change nothing on the cluster. */
  readOnly?: boolean;
}) {
  const { cluster, kind, labelSelector, objectHref, readOnly = true } = props;
  const namespace = kind.namespaced ? props.namespace : undefined;
  const navigate = useNavigate();
  const resource = resourceNameOf(kind);

  const [nameText, setNameText] = useState('');
  const [name, setName] = useState<string>();
  useDebounce(() => setName(nameText.trim() || undefined), 300, [nameText]);
  const [order, setOrder] = useState<ListOrder>({});

  const { list, freshness, loading, error, loadMore, loadingMore, moreError } =
    useResourceList({
      cluster,
      resource,
      namespace,
      labelSelector,
      name,
      ...order,
    });

  const [selectorText, setSelectorText] = useState(labelSelector ?? '');
  useEffect(() => setSelectorText(labelSelector ?? ''), [labelSelector]);

  const items = useMemo(() => list?.items ?? [], [list]);
  const extras = extraColumns(kind, items);
  const extrasKey = extras.map(e => e.title).join(',');
  const hasActions = !readOnly && actionsFor(kind.kind).length > 0;

  const columns = useMemo((): TableColumn<Row>[] => {
    const sortable = (key: SortKey) => ({
      field: key,
      customSort: serverSorted,
      defaultSort:
        (order.sortBy ?? 'namespace') === key
          ? order.order ?? ('asc' as const)
          : undefined,
    });
    return [
      {
        title: 'Name',
        highlight: true,
        ...sortable('name'),
        // Whole names: a name broken in the middle reads as two.
        cellStyle: nowrap,
        render: r => (
          <Link to={objectHref(r.object)} onClick={e => e.stopPropagation()}>
            {r.object.metadata.name}
          </Link>
        ),
      },
      ...(kind.namespaced
        ? [
            {
              title: 'Namespace',
              ...sortable('namespace'),
              cellStyle: nowrap,
              render: (r: Row) => r.object.metadata.namespace,
            },
          ]
        : []),
      ...extras.map(extra => ({
        title: extra.title,
        sorting: false,
        render: (r: Row) => extra.value(r.object),
      })),
      {
        title: 'Labels',
        sorting: false,
        // Long labels end in an ellipsis rather than widen the table.
        cellStyle: { maxWidth: 220 },
        render: r => <Labels labels={r.object.metadata.labels} />,
      },
      {
        title: 'Age',
        ...sortable('age'),
        cellStyle: nowrap,
        render: r => age(r.object),
      },
      ...(hasActions
        ? [
            {
              title: 'Actions',
              sorting: false,
              cellStyle: nowrap,
              render: (r: Row) => (
                <RowActions
                  object={r.object}
                  target={{
                    cluster,
                    resource,
                    namespace: r.object.metadata.namespace,
                    name: r.object.metadata.name ?? '',
                  }}
                  readOnly={readOnly}
                />
              ),
            },
          ]
        : []),
    ];
    // extras are recomputed on every render; their titles say when they change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, extrasKey, objectHref, order, hasActions, cluster, resource]);

  const rows = useMemo(() => items.map(rowOf), [items]);

  const selectorError = error && labelSelector && statusOf(error) === 400;
  const title = pluralTitle(kind);
  const options = useMemo(
    () => ({
      paging: true,
      pageSize: 50,
      pageSizeOptions: [20, 50, 100, 500],
      emptyRowsWhenPaging: false,
      search: false,
      padding: 'dense' as const,
      thirdSortClick: false,
    }),
    [],
  );

  return (
    <Box data-testid="objects">
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        <TextField
          id="k8s-ops-name-filter"
          label="Filter by name"
          margin="dense"
          value={nameText}
          onChange={e => setNameText(e.target.value)}
          helperText={
            name && list ? `${list.total} matching` : 'Part of the name'
          }
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
      {loading && !list && <Progress />}
      {loading && list && <LinearProgress aria-label="Loading" />}
      {error && !selectorError && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {list && (
        <>
          <Table<Row>
            title={
              name
                ? `${title} (${list.total} matching "${name}")`
                : `${title} (${list.total})`
            }
            options={options}
            columns={columns}
            data={rows}
            onOrderChange={(index, direction) => {
              const field = columns[index]?.field as SortKey | undefined;
              setOrder(
                field && SORT_KEYS.includes(field)
                  ? { sortBy: field, order: direction || 'asc' }
                  : {},
              );
            }}
            onRowClick={(_event, row) =>
              row && navigate(objectHref(row.object))
            }
            emptyContent={
              <Typography style={{ padding: 16 }} color="textSecondary">
                No {title.toLowerCase()}
                {namespace ? ` in namespace ${namespace}` : ''}
                {labelSelector ? ` labelled ${labelSelector}` : ''}
                {name ? ` named like "${name}"` : ''}.
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
