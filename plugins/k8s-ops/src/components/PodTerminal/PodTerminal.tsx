import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { ContainerPicker } from '../ContainerPicker';

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  status: { flex: 1 },
  screen: {
    height: '60vh',
    padding: theme.spacing(1),
    background: '#000',
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * A shell in a pod's container or on a node, in xterm.js over the backend's terminal
 * socket: bash when the container has it, else sh. The terminal follows its
 * size; the line above it says which shell runs, or why the session ended.
 */
export function PodTerminal(props: {
  cluster: string;
  /** A pod's namespace and name, or a node. */
  namespace?: string;
  pod?: string;
  node?: string;
  containers: string[];
}) {
  const { cluster, namespace, pod, node, containers } = props;
  const classes = useStyles();
  const api = useApi(k8sOpsApiRef);
  const screen = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState(containers[0] ?? '');
  const [status, setStatus] = useState('Connecting…');
  const [session, setSession] = useState(0);

  useEffect(() => {
    const element = screen.current;
    if (!element) {
      return undefined;
    }
    const terminal = new Terminal({
      cursorBlink: true,
      fontSize: 13,
      fontFamily: 'monospace',
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();
    let closed = false;
    let connection: Awaited<ReturnType<typeof api.openTerminal>> | undefined;
    setStatus('Connecting…');
    api
      .openTerminal(
        node
          ? { cluster, node }
          : {
              cluster,
              namespace: namespace ?? '',
              pod: pod ?? '',
              container: container || undefined,
            },
      )
      .then(
        opened => {
          if (closed) {
            opened.close();
            return;
          }
          connection = opened;
          opened.send({
            type: 'resize',
            cols: terminal.cols,
            rows: terminal.rows,
          });
          opened.onMessage(message => {
            if (message.type === 'output') {
              terminal.write(message.data);
            } else if (message.type === 'notice') {
              setStatus(message.message);
            } else {
              setStatus(message.message);
              terminal.write(`\r\n\x1b[2m${message.message}\x1b[0m\r\n`);
            }
          });
          opened.onClose(() =>
            setStatus(s => (s.startsWith('Connecting') ? 'Disconnected' : s)),
          );
          terminal.focus();
        },
        error => setStatus(String(error?.message ?? error)),
      );
    const input = terminal.onData(data =>
      connection?.send({ type: 'input', data }),
    );
    const resize = terminal.onResize(({ cols, rows }) =>
      connection?.send({ type: 'resize', cols, rows }),
    );
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);
    return () => {
      closed = true;
      observer.disconnect();
      input.dispose();
      resize.dispose();
      connection?.close();
      terminal.dispose();
    };
  }, [api, cluster, namespace, pod, node, container, session]);

  return (
    <div data-testid="pod-terminal">
      <div className={classes.controls}>
        {containers.length > 1 && (
          <ContainerPicker
            containers={containers}
            value={container}
            onChange={setContainer}
          />
        )}
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.status}
          data-testid="terminal-status"
        >
          {status}
        </Typography>
        <Button variant="outlined" onClick={() => setSession(n => n + 1)}>
          Reconnect
        </Button>
      </div>
      <div ref={screen} className={classes.screen} />
    </div>
  );
}
