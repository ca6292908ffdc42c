import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { ApplyResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import {
  describeObject,
  DiffLineClass,
  diffLineClass,
  parseManifest,
} from '../../lib/manifest';
import { ActionDialog } from '../ActionDialog';

const useStyles = makeStyles(theme => ({
  editor: { fontFamily: 'monospace', fontSize: 13, lineHeight: 1.4 },
  message: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    margin: theme.spacing(1, 0),
  },
  diff: {
    fontFamily: 'monospace',
    fontSize: 12,
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: '40vh',
    overflow: 'auto',
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
  added: {
    color: theme.palette.type === 'dark' ? '#8bd58b' : '#1a7f37',
    background: theme.palette.type === 'dark' ? '#12361d' : '#e6ffec',
  },
  removed: {
    color: theme.palette.type === 'dark' ? '#ff9b9b' : '#cf222e',
    background: theme.palette.type === 'dark' ? '#4a1717' : '#ffebe9',
  },
  hunk: { color: theme.palette.info.main },
  header: { color: theme.palette.text.secondary, fontWeight: 'bold' },
  context: {},
}));

/** A unified diff, + and - lines coloured. */
export function DiffView(props: { diff: string }) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    <pre className={classes.diff} data-testid="apply-diff">
      {lines.map((line, i) => {
        const kind: DiffLineClass = diffLineClass(line);
        return (
          <div key={i} className={classes[kind]} data-diff={kind}>
            {line || ' '}
          </div>
        );
      })}
    </pre>
  );
}

type Preview = { text: string; response: ApplyResponse };

/**
 * An editor to apply one object to a cluster by server-side apply: Preview
 * (a dry run) shows the diff against the live object, and only a previewed
 * text can be applied.
 */
export function ApplyYamlDialog(props: {
  cluster: string;
  open: boolean;
  /** The text the editor opens with, such as an object's editable YAML. */
  initialYaml?: string;
  onClose: () => void;
  onApplied?: (response: ApplyResponse) => void;
}) {
  const { cluster, open, initialYaml, onClose, onApplied } = props;
  const classes = useStyles();
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const [text, setText] = useState(initialYaml ?? '');
  const [preview, setPreview] = useState<Preview>();
  useEffect(() => {
    if (open) {
      setText(initialYaml ?? '');
      setPreview(undefined);
    }
  }, [open, initialYaml]);

  const parse = () => {
    const parsed = parseManifest(text);
    if (parsed.error !== undefined) {
      setPreview(undefined);
      throw new Error(parsed.error);
    }
    return parsed.object;
  };

  const previewIt = async () => {
    const object = parse();
    const sent = text;
    try {
      const response = await api.applyResource(cluster, object, {
        dryRun: true,
      });
      setPreview({ text: sent, response });
    } catch (e) {
      setPreview(undefined);
      throw e;
    }
  };

  const apply = async () => {
    const object = parse();
    const response = await api.applyResource(cluster, object, {});
    alertApi.post({
      message: `${response.created ? 'Created' : 'Applied'} ${describeObject(
        response.object.kind ? response.object : object,
      )} on ${cluster}`,
      severity: 'success',
      display: 'transient',
    });
    onApplied?.(response);
    onClose();
  };

  const current = preview && preview.text === text;

  if (!open) {
    return null;
  }
  return (
    <ActionDialog
      title={`Apply YAML to ${cluster}`}
      confirmLabel="Apply"
      confirmDisabled={!current}
      onConfirm={apply}
      secondaryAction={{ label: 'Preview', onRun: previewIt }}
      onClose={onClose}
      input={text}
      errorClassName={classes.message}
      maxWidth="lg"
    >
      {busy => (
        <>
          <TextField
            label="YAML"
            multiline
            fullWidth
            variant="outlined"
            minRows={14}
            maxRows={28}
            value={text}
            onChange={e => setText(e.target.value)}
            placeholder={
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team-shop\ndata:\n  key: value'
            }
            inputProps={{
              className: classes.editor,
              spellCheck: false,
              'aria-label': 'YAML',
            }}
          />
          {busy && <LinearProgress />}
          {preview && (
            <Box mt={2} data-testid="apply-preview">
              <Typography variant="subtitle2">
                {preview.response.created ? 'Creates' : 'Changes'}{' '}
                {describeObject(preview.response.object)}
                {current ? '' : ' (the text changed since: preview it again)'}
              </Typography>
              {preview.response.diff ? (
                <DiffView diff={preview.response.diff} />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  No changes
                </Typography>
              )}
            </Box>
          )}
        </>
      )}
    </ActionDialog>
  );
}
