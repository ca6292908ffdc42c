import {
  LogViewer,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { k8sOpsApiRef, LogTarget } from '../../api/K8sOpsApi';
import { useLogs } from '../../hooks/useLogs';
import { backendMessage } from '../../lib/backendMessage';
import { ContainerPicker } from '../ContainerPicker';

/** Lines shown at first; a download has them all. */
const TAIL_LINES = 10_000;

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  viewer: { height: '65vh' },
}));

/**
 * The logs of a pod, or of every pod of a workload (each line prefixed with
 * its pod): container choice, the previous container, follow, timestamps
 * and wrap; search and ANSI colours come from Backstage's `LogViewer`, which
 * renders only the visible lines.
 */
export function LogsPanel(props: {
  target: LogTarget;
  /** The containers to choose from; a workload may also show all. */
  containers: string[];
  /** Opens on the logs of the containers' previous run. */
  previous?: boolean;
}) {
  const { target, containers } = props;
  const classes = useStyles();
  const api = useApi(k8sOpsApiRef);
  const isPod = target.resource === 'pods';
  const [container, setContainer] = useState(isPod ? containers[0] ?? '' : '');
  const [previous, setPrevious] = useState(props.previous ?? false);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const options = {
    container: container || undefined,
    previous,
    timestamps,
    tailLines: TAIL_LINES,
  };
  const logs = useLogs(target, { ...options, follow: follow && !previous });

  const download = async () => {
    const text = await api.getLogs(target, {
      ...options,
      tailLines: undefined,
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    link.download = `${target.name}${container ? `-${container}` : ''}.log`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div data-testid="logs-panel">
      <div className={classes.controls}>
        {(containers.length > 1 || isPod) && (
          <ContainerPicker
            containers={containers}
            value={container}
            onChange={setContainer}
            allLabel={isPod ? undefined : 'All containers'}
          />
        )}
        {[
          {
            label: 'Follow',
            checked: follow && !previous,
            disabled: previous,
            set: setFollow,
          },
          { label: 'Previous container', checked: previous, set: setPrevious },
          { label: 'Timestamps', checked: timestamps, set: setTimestamps },
          { label: 'Wrap', checked: wrap, set: setWrap },
        ].map(toggle => (
          <FormControlLabel
            key={toggle.label}
            label={toggle.label}
            control={
              <Switch
                checked={toggle.checked}
                disabled={toggle.disabled}
                onChange={e => toggle.set(e.target.checked)}
              />
            }
          />
        ))}
        {logs.ended && (
          <Typography variant="body2" color="textSecondary">
            The container ended; the log is complete.
          </Typography>
        )}
      </div>
      {logs.error && (
        <ResponseErrorPanel
          error={logs.error}
          title={backendMessage(logs.error)}
        />
      )}
      {logs.loading && <Progress />}
      {!logs.error && (
        <div className={classes.viewer}>
          <LogViewer
            text={logs.text}
            textWrap={wrap}
            onDownloadLog={download}
          />
        </div>
      )}
    </div>
  );
}
