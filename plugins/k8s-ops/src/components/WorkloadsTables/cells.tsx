import {
  K8sOpsObjectRef,
  KubeObject,
  Problem,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { createContext, useContext } from 'react';
import { images } from '../../lib/format';
import {
  kindTag,
  ObjectTab,
  problemHelp,
  shortImage,
} from '../../lib/entityObjects';
import { WrappingChip } from '../WrappingChip';

/** Opens an object's drawer, on a tab. */
export type OpenObject = (ref: K8sOpsObjectRef, tab?: ObjectTab) => void;

/**
 * How a cell opens an object: through context, so that the columns stay
 * the same objects from one render to the next.
 */
export const OpenObjectContext = createContext<OpenObject>(() => {});

const useStyles = makeStyles(theme => ({
  problem: { marginBottom: theme.spacing(0.5) },
}));

/** A row of an entity's objects. */
export interface ObjectRow {
  id: string;
  object: KubeObject;
  ref: K8sOpsObjectRef;
  problems: Problem[];
  readOnly: boolean;
  details?: string;
}

/** The object's name, opening its detail. */
export function NameCell(props: { row: ObjectRow }) {
  const open = useContext(OpenObjectContext);
  const { row } = props;
  return (
    <Link
      component="button"
      variant="body2"
      style={{ textAlign: 'left' }}
      onClick={() => open(row.ref)}
    >
      {row.object.metadata.name}
    </Link>
  );
}

/** The kind as a short tag, the full kind on hover. */
export function KindCell(props: { kind?: string }) {
  return (
    <Tooltip title={props.kind ?? ''}>
      <Chip size="small" variant="outlined" label={kindTag(props.kind)} />
    </Tooltip>
  );
}

/** Images without registry and digest, in full on hover. */
export function ImagesCell(props: { object: KubeObject }) {
  const full = images(props.object);
  if (!full) return null;
  return (
    <Tooltip title={full}>
      <span>{full.split(', ').map(shortImage).join(', ')}</span>
    </Tooltip>
  );
}

/** A status as a chip that wraps; problems in the secondary colour. */
export function StatusChip(props: { label: string; bad?: boolean }) {
  return (
    <WrappingChip
      color={props.bad ? 'secondary' : 'default'}
      label={props.label}
    />
  );
}

/**
 * Each problem as a chip that wraps, what to do in words, and a link to
 * what helps.
 */
export function ProblemsCell(props: { row: ObjectRow }) {
  const classes = useStyles();
  const open = useContext(OpenObjectContext);
  const { row } = props;
  if (row.problems.length === 0) return null;
  return (
    <Box>
      {row.problems.map(p => {
        const help = problemHelp(p);
        return (
          <div key={p.type + p.message} className={classes.problem}>
            <WrappingChip
              color="secondary"
              label={p.message}
              data-testid={`problem-${p.type}`}
            />
            <Typography variant="caption" component="div">
              {p.hint}.{' '}
              <Link
                component="button"
                variant="caption"
                onClick={() => open(row.ref, help.tab)}
              >
                {help.label}
              </Link>
            </Typography>
          </div>
        );
      })}
    </Box>
  );
}
