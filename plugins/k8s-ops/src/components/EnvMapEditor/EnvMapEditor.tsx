import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EnvMapWriteResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { backendMessage, statusOf } from '../../lib/backendMessage';
import {
  envMapRequest,
  EnvRow,
  renamedRow,
  rowsOf,
} from '../../lib/envMapRows';
import { ActionDialog } from '../ActionDialog';
import { ManifestPreview } from '../ManifestPreview';

/**
 * Edits an environment map of a namespace: rows of variables, each marked
 * sensitive by its name (overridable); sensitive values are typed hidden,
 * and read hidden unless revealed. Preview is a dry run; Apply writes the
 * ConfigMap `<name>-config` and the Secret `<name>-secrets`.
 */
export function EnvMapEditor(props: {
  cluster: string;
  namespace: string;
  onClose: () => void;
}) {
  const { cluster, namespace, onClose } = props;
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const [name, setName] = useState('app');
  const [rows, setRows] = useState<EnvRow[]>([
    { name: '', value: '', sensitive: false },
  ]);
  const [note, setNote] = useState<string>();
  const [preview, setPreview] = useState<{
    rows: EnvRow[];
    response: EnvMapWriteResponse;
  }>();
  const setRow = (index: number, row: EnvRow) =>
    setRows(current => current.map((r, i) => (i === index ? row : r)));

  const load = async (reveal: boolean) => {
    setNote(undefined);
    try {
      const map = await (reveal
        ? api.revealEnvMap(cluster, namespace, name)
        : api.getEnvMap(cluster, namespace, name));
      setRows(rowsOf(map));
      setNote(
        `Loaded ${map.configMap} and ${map.secret}${
          reveal ? ' with secret values' : ''
        }`,
      );
    } catch (error) {
      setNote(
        statusOf(error) === 404
          ? `No map named ${name} yet: add variables and apply to create it`
          : backendMessage(error),
      );
    }
  };

  return (
    <ActionDialog
      title={`Environment of ${namespace} on ${cluster}`}
      confirmLabel="Apply"
      confirmDisabled={!name.trim()}
      secondaryAction={{
        label: 'Preview',
        onRun: async () => {
          const response = await api.writeEnvMap(
            cluster,
            namespace,
            envMapRequest(name, rows, true),
          );
          setPreview({ rows, response });
        },
      }}
      onConfirm={async () => {
        const response = await api.writeEnvMap(
          cluster,
          namespace,
          envMapRequest(name, rows, false),
        );
        alertApi.post({
          message: `Applied environment map ${response.name}: ${response.config.length} in ConfigMap, ${response.secret.length} in Secret`,
          severity: 'success',
          display: 'transient',
        });
        onClose();
      }}
      onClose={onClose}
      input={{ name, rows }}
      maxWidth="md"
    >
      {busy => (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <TextField
              label="Map name"
              variant="outlined"
              margin="dense"
              value={name}
              onChange={e => setName(e.target.value)}
              helperText={`ConfigMap ${name}-config, Secret ${name}-secrets`}
              inputProps={{ 'aria-label': 'Map name' }}
            />
            <Button size="small" onClick={() => load(false)} disabled={busy}>
              Load
            </Button>
            <Button size="small" onClick={() => load(true)} disabled={busy}>
              Reveal secrets
            </Button>
          </Box>
          {note && (
            <Typography variant="body2" color="textSecondary">
              {note}
            </Typography>
          )}
          <Box role="table" aria-label="Variables" mt={1}>
            {rows.map((row, i) => (
              <Box
                key={i}
                role="row"
                display="flex"
                alignItems="center"
                style={{ gap: 8 }}
              >
                <TextField
                  size="small"
                  variant="outlined"
                  margin="dense"
                  placeholder="NAME"
                  value={row.name}
                  onChange={e => setRow(i, renamedRow(row, e.target.value))}
                  inputProps={{ 'aria-label': `Variable ${i + 1} name` }}
                />
                <TextField
                  size="small"
                  variant="outlined"
                  margin="dense"
                  style={{ flex: 1 }}
                  type={row.sensitive ? 'password' : 'text'}
                  placeholder={
                    row.hidden ? '(hidden: kept unless changed)' : 'value'
                  }
                  value={row.value}
                  onChange={e => setRow(i, { ...row, value: e.target.value })}
                  inputProps={{
                    'aria-label': `Variable ${i + 1} value`,
                    autoComplete: 'off',
                  }}
                />
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={row.sensitive}
                      onChange={e =>
                        setRow(i, {
                          ...row,
                          sensitive: e.target.checked,
                          sensitiveSet: true,
                        })
                      }
                      inputProps={{
                        'aria-label': `Variable ${i + 1} sensitive`,
                      }}
                    />
                  }
                  label="Secret"
                />
                <Button
                  size="small"
                  aria-label={`Remove variable ${i + 1}`}
                  onClick={() =>
                    setRows(current => current.filter((_, j) => j !== i))
                  }
                >
                  Remove
                </Button>
              </Box>
            ))}
          </Box>
          <Button
            size="small"
            onClick={() =>
              setRows(current => [
                ...current,
                { name: '', value: '', sensitive: false },
              ])
            }
          >
            Add variable
          </Button>
          {busy && <LinearProgress />}
          {preview && (
            <>
              <Typography variant="body2" style={{ marginTop: 8 }}>
                ConfigMap: {preview.response.config.join(', ') || '(none)'} ·
                Secret: {preview.response.secret.join(', ') || '(none)'}
              </Typography>
              <ManifestPreview
                manifests={preview.response.manifests}
                stale={preview.rows !== rows}
              />
            </>
          )}
        </>
      )}
    </ActionDialog>
  );
}
