import { usePermission } from '@backstage/plugin-permission-react';
import {
  K8sOpsObjectRef,
  k8sOpsSecretRevealPermission,
  KubeObject,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useRevealSecret } from '../../hooks/useRevealSecret';
import { backendMessage } from '../../lib/backendMessage';
import { isSecret, secretKeys } from '../../lib/secretValues';

const MASK = '••••••••';

const useStyles = makeStyles(theme => ({
  header: { display: 'flex', alignItems: 'center', gap: theme.spacing(2) },
  key: { width: '30%', fontFamily: 'monospace', verticalAlign: 'top' },
  value: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

function SecretValuesTable(props: {
  objectRef: K8sOpsObjectRef;
  object: KubeObject;
}) {
  const { objectRef, object } = props;
  const classes = useStyles();
  const { allowed } = usePermission({
    permission: k8sOpsSecretRevealPermission,
    resourceRef: stringifyK8sOpsObjectRef(objectRef),
  });
  const { loading, error, values, reveal, hide } = useRevealSecret(
    objectRef,
    object.metadata.resourceVersion,
  );
  const rows =
    values?.map(v => ({
      key: v.key,
      value: v.text ?? `(binary, ${v.bytes} bytes)`,
    })) ?? secretKeys(object).map(key => ({ key, value: MASK }));

  return (
    <Box mb={2} data-testid="secret-values">
      <div className={classes.header}>
        <Typography variant="h6">Values</Typography>
        {allowed && !values && (
          <Button
            size="small"
            color="primary"
            variant="outlined"
            disabled={loading}
            onClick={reveal}
          >
            {loading ? 'Revealing…' : 'Reveal'}
          </Button>
        )}
        {values && (
          <Button size="small" variant="outlined" onClick={hide}>
            Hide
          </Button>
        )}
      </div>
      {!values && (
        <Typography variant="body2" color="textSecondary">
          {allowed
            ? 'Values are hidden. Revealing them is recorded in the audit trail.'
            : 'Values are hidden.'}
        </Typography>
      )}
      {error && (
        <Typography role="alert" color="error">
          {backendMessage(error)}
        </Typography>
      )}
      {rows.length === 0 ? (
        <Typography variant="body2">This Secret holds no values.</Typography>
      ) : (
        <Table size="small" aria-label="Secret values">
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.key}>
                <TableCell className={classes.key}>{row.key}</TableCell>
                <TableCell className={classes.value}>{row.value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * The values of a Secret, hidden until a person who may reveal this very
 * Secret asks for them; nothing for other objects.
 */
export function SecretValues(props: {
  objectRef: K8sOpsObjectRef;
  object: KubeObject;
}) {
  return isSecret(props.object) ? <SecretValuesTable {...props} /> : null;
}
