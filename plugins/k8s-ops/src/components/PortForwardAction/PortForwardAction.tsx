import { CodeSnippet, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  k8sOpsPodPortForwardPermission,
  K8sOpsObjectRef,
  KubeObject,
  PortForwardSession,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import {
  declaredPorts,
  parsePortList,
  portForwardCommand,
} from '../../lib/portForwardCommand';
import { ActionDialog } from '../ActionDialog';

/** A started session, with where to reach it. */
interface Started {
  session: PortForwardSession;
  proxyUrl: string;
  command: string;
}

/**
 * "Forward a port" on a pod or a Service the person may forward: asks for
 * the ports, starts the session, then shows the link of its HTTP proxy and
 * the command line that brings the ports to the person's machine.
 */
export function PortForwardAction(props: {
  object: KubeObject;
  objectRef: K8sOpsObjectRef;
}) {
  const { object, objectRef } = props;
  const kind = object.kind === 'Service' ? 'service' : 'pod';
  const { allowed } = usePermission({
    permission: k8sOpsPodPortForwardPermission,
    resourceRef: stringifyK8sOpsObjectRef(objectRef),
  });
  const [open, setOpen] = useState(false);
  if (!allowed || (object.kind !== 'Pod' && object.kind !== 'Service')) {
    return null;
  }
  return (
    <>
      <Button variant="outlined" color="primary" onClick={() => setOpen(true)}>
        Forward a port
      </Button>
      {open && (
        <PortForwardDialog
          object={object}
          objectRef={objectRef}
          kind={kind}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function PortForwardDialog(props: {
  object: KubeObject;
  objectRef: K8sOpsObjectRef;
  kind: 'pod' | 'service';
  onClose: () => void;
}) {
  const { object, objectRef, kind, onClose } = props;
  const api = useApi(k8sOpsApiRef);
  const [text, setText] = useState(() => declaredPorts(object).join(', '));
  const [started, setStarted] = useState<Started>();
  const parsed = parsePortList(text);
  const what = `${object.kind} ${objectRef.namespace}/${objectRef.name}`;

  if (started) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="md">
        <DialogTitle>Forwarding {what}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            In the browser, through the portal (HTTP, port{' '}
            {started.session.ports[0].port}):{' '}
            <Link to={started.proxyUrl} target="_blank" rel="noopener">
              {started.proxyUrl}
            </Link>
          </Typography>
          <Typography variant="body2">
            On your machine, as TCP (a free local port for each):
          </Typography>
          <CodeSnippet
            language="shell"
            text={started.command}
            showCopyCodeButton
            wrapLongLines
          />
          <Typography variant="caption">
            The session stops after a while without use, or from the
            Port-forwards page.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </Dialog>
    );
  }

  const start = async () => {
    if (!('ports' in parsed)) {
      return;
    }
    const session = await api.startPortForward({
      cluster: objectRef.cluster,
      namespace: objectRef.namespace ?? '',
      target: { kind, name: objectRef.name },
      ports: parsed.ports,
    });
    const [proxyUrl, backendBaseUrl] = await Promise.all([
      api.openPortForwardProxy(session),
      api.getBackendBaseUrl(),
    ]);
    setStarted({
      session,
      proxyUrl,
      command: portForwardCommand({
        cluster: session.cluster,
        namespace: session.namespace,
        target: session.target,
        ports: parsed.ports,
        backendBaseUrl,
      }),
    });
  };

  return (
    <ActionDialog
      title={`Forward a port of ${what} on ${objectRef.cluster}`}
      confirmLabel="Forward"
      confirmDisabled={'problem' in parsed}
      input={text}
      onConfirm={start}
      onClose={onClose}
    >
      <TextField
        id="k8s-ops-port-forward-ports"
        fullWidth
        label="Ports"
        value={text}
        onChange={e => setText(e.target.value)}
        error={'problem' in parsed}
        helperText={
          'problem' in parsed
            ? parsed.problem
            : `The ${
                kind === 'service' ? "Service's" : "pod's"
              } ports, separated by commas`
        }
      />
    </ActionDialog>
  );
}
