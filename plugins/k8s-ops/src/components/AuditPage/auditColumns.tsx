import { Link, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { AuditEntry } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { createContext, useContext } from 'react';

/** The catalog's display names of actors, by entity ref. */
export const DisplayNamesContext = createContext(new Map<string, string>());

/** The person as the catalog names them, linked to their page. */
function Who(props: { actor: string }) {
  const names = useContext(DisplayNamesContext);
  let ref;
  try {
    ref = parseEntityRef(props.actor);
  } catch {
    return <>{props.actor}</>;
  }
  const name = names.get(props.actor);
  return (
    <Link
      to={`/catalog/${ref.namespace}/${ref.kind.toLowerCase()}/${ref.name}`}
      title={props.actor}
    >
      {name || ref.name}
    </Link>
  );
}

const nowrap = { whiteSpace: 'nowrap' } as const;

/** The audit trail's columns: stable, so the table keeps its state. */
export const auditColumns: TableColumn<AuditEntry>[] = [
  {
    title: 'When',
    cellStyle: nowrap,
    render: e => new Date(e.createdAt).toLocaleString(),
  },
  { title: 'Who', render: e => <Who actor={e.actor} /> },
  { title: 'Action', field: 'action', cellStyle: nowrap },
  { title: 'Cluster', field: 'cluster', emptyValue: '—' },
  { title: 'Namespace', field: 'namespace', emptyValue: '—' },
  { title: 'Kind', field: 'kind', emptyValue: '—' },
  {
    title: 'Name',
    field: 'name',
    emptyValue: '—',
    cellStyle: { overflowWrap: 'anywhere' },
  },
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
  {
    title: 'Summary',
    field: 'summary',
    emptyValue: '',
    // One line here; the whole text when the row is opened.
    cellStyle: {
      maxWidth: 320,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
  },
];

/** An entry in full, as a row opens. */
export function AuditDetail(props: { entry: AuditEntry }) {
  const { entry } = props;
  const fields: Array<[string, string | number | undefined]> = [
    ['When', new Date(entry.createdAt).toISOString()],
    ['Who', entry.actor],
    ['Action', entry.action],
    ['Cluster', entry.cluster],
    ['Namespace', entry.namespace],
    ['Kind', entry.kind],
    ['Name', entry.name],
    ['Outcome', `${entry.outcome} (HTTP ${entry.status})`],
  ];
  return (
    <Box px={4} py={2} data-testid={`audit-detail-${entry.id}`}>
      <Box
        component="dl"
        display="grid"
        style={{ gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}
        m={0}
      >
        {fields
          .filter(([, value]) => value !== undefined)
          .map(([label, value]) => (
            <Box key={label} display="contents">
              <Typography component="dt" variant="body2" color="textSecondary">
                {label}
              </Typography>
              <Typography component="dd" variant="body2" style={{ margin: 0 }}>
                {value}
              </Typography>
            </Box>
          ))}
      </Box>
      {entry.summary && (
        <Box
          component="pre"
          mt={1}
          mb={0}
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >
          {entry.summary}
        </Box>
      )}
    </Box>
  );
}
