import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { K8sOpsObjectRef, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Fragment, useState } from 'react';
import { useRelations } from '../../hooks/useRelations';
import { backendMessage } from '../../lib/backendMessage';
import { relationSentences } from '../../lib/relationSentences';
import { HealthDot } from '../RelationsGraph/HealthDot';
import { RelationsGraph } from '../RelationsGraph';

type Props = {
  objectRef: K8sOpsObjectRef;
  kind: string;
  object: KubeObject;
  refHref: (ref: K8sOpsObjectRef) => string;
};

/**
 * The objects directly related to one, in sentences: `Owned by ReplicaSet
 * web-5d8f9`, `Selected by Service web`, `Uses ConfigMap settings`.
 */
export function RelatedTab(props: Props) {
  const { objectRef, kind, object, refHref } = props;
  const { value, loading, error } = useRelations(
    objectRef,
    1,
    object.metadata.uid,
  );
  const sentences = value ? relationSentences(value) : [];
  return (
    <Box data-testid="related">
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {value && sentences.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No object you may see is related to {kind} {objectRef.name}.
        </Typography>
      )}
      {sentences.length > 0 && (
        <Table size="small">
          <TableBody>
            {sentences.map(s => (
              <TableRow key={`${s.phrase}|${s.kind}`}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {s.phrase} {s.nodes.length > 1 ? `${s.nodes.length} ` : ''}
                  {s.kind}
                  {s.nodes.length > 1 ? ' objects' : ''}
                </TableCell>
                <TableCell>
                  {s.nodes.map((n, i) => (
                    <Fragment key={n.id}>
                      {i > 0 && ', '}
                      <HealthDot health={n.health} />{' '}
                      <Link to={refHref(n)}>{n.name}</Link>
                      {n.status ? ` (${n.status})` : ''}
                    </Fragment>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** The graph around an object, 1 to 3 steps deep. */
export function GraphTab(props: Props) {
  const { objectRef, object, refHref } = props;
  const [depth, setDepth] = useState(2);
  const { value, loading, error } = useRelations(
    objectRef,
    depth,
    object.metadata.uid,
  );
  return (
    <Box>
      <FormControl size="small" style={{ minWidth: 120 }}>
        <InputLabel id="graph-depth">Depth</InputLabel>
        <Select
          labelId="graph-depth"
          value={depth}
          onChange={e => setDepth(Number(e.target.value))}
        >
          {[1, 2, 3].map(d => (
            <MenuItem key={d} value={d}>
              {d} {d === 1 ? 'step' : 'steps'}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {value && <RelationsGraph graph={value} refHref={refHref} />}
    </Box>
  );
}
