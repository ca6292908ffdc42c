import { useApi } from '@backstage/frontend-plugin-api';
import {
  ClusterSummary,
  KubeconfigContextsResponse,
  RegisterClusterRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useCallback, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { backendMessage } from '../../lib/backendMessage';
import {
  ClusterSettings,
  clusterSettingsProblems,
  dnsLabelProblem,
  hasProblems,
  parseLabels,
  suggestClusterName,
} from '../../lib/clusterFields';
import { ActionDialog } from '../ActionDialog';
import { ClusterSettingsFields } from '../ClusterSettingsFields';

const ID = 'k8s-ops-register-cluster';

// Long enough that a paste, or a few keystrokes, cost one request.
const READ_DELAY_MS = 600;

const PLACEHOLDER = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443
    certificate-authority-data: …
users: …
contexts: …`;

/**
 * Registers a cluster from a pasted kubeconfig: reads its contexts, lets the
 * person pick one and name the cluster, and shows the backend's refusals.
 */
export function RegisterClusterDialog(props: {
  open: boolean;
  onClose: () => void;
  onRegistered: (cluster: ClusterSummary) => void;
}) {
  const { open, onClose, onRegistered } = props;
  const api = useApi(k8sOpsApiRef);

  const [kubeconfig, setKubeconfig] = useState('');
  const [contexts, setContexts] = useState<KubeconfigContextsResponse>();
  const [contextsError, setContextsError] = useState<string>();
  const [reading, setReading] = useState(false);
  const [context, setContext] = useState('');
  const [name, setName] = useState('');
  const [settings, setSettings] = useState<ClusterSettings>({
    title: '',
    group: '',
    labels: '',
    readOnly: false,
    impersonate: false,
  });

  // The kubeconfig of the last read: answers to older reads are dropped, and
  // the debounced read does not repeat one the button already made.
  const lastRead = useRef<string>();
  // Refs, not state: a read looks at them when its answer arrives, so a name
  // typed or a context picked while it was pending is kept, not overwritten
  // by what was true when the read started.
  const nameEdited = useRef(false);
  const contextNow = useRef('');

  const chooseContext = useCallback(
    (next: string, answer?: KubeconfigContextsResponse) => {
      contextNow.current = next;
      setContext(next);
      const picked = answer?.contexts.find(c => c.name === next);
      if (picked && !nameEdited.current) {
        setName(suggestClusterName(picked.cluster));
      }
    },
    [],
  );

  const readContexts = useCallback(
    async (text: string) => {
      lastRead.current = text;
      setReading(true);
      try {
        const answer = await api.listKubeconfigContexts(text);
        if (lastRead.current !== text) {
          return;
        }
        setContexts(answer);
        setContextsError(undefined);
        const current = contextNow.current;
        const keep = answer.contexts.some(c => c.name === current);
        chooseContext(
          keep
            ? current
            : answer.currentContext ?? answer.contexts[0]?.name ?? '',
          answer,
        );
      } catch (e) {
        if (lastRead.current !== text) {
          return;
        }
        setContexts(undefined);
        chooseContext('');
        setContextsError(backendMessage(e));
      } finally {
        if (lastRead.current === text) {
          setReading(false);
        }
      }
    },
    [api, chooseContext],
  );

  useDebounce(
    () => {
      if (kubeconfig.trim() && kubeconfig !== lastRead.current) {
        readContexts(kubeconfig);
      }
    },
    READ_DELAY_MS,
    [kubeconfig],
  );

  const nameProblem = name ? dnsLabelProblem(name) : undefined;
  const problems = clusterSettingsProblems(settings, { titleRequired: false });
  const canSubmit =
    kubeconfig.trim() !== '' &&
    name !== '' &&
    !nameProblem &&
    !hasProblems(problems);

  const submit = async () => {
    const title = settings.title.trim();
    const group = settings.group.trim();
    const labels = parseLabels(settings.labels).labels ?? {};
    const request: RegisterClusterRequest = {
      kubeconfig,
      ...(context ? { context } : {}),
      name,
      ...(title ? { title } : {}),
      ...(group ? { group } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
      readOnly: settings.readOnly,
      impersonate: settings.impersonate,
    };
    onRegistered(await api.registerCluster(request));
  };

  const picked = contexts?.contexts.find(c => c.name === context);

  if (!open) {
    return null;
  }
  return (
    <ActionDialog
      title="Register a cluster"
      confirmLabel="Register"
      confirmDisabled={!canSubmit}
      onConfirm={submit}
      onClose={onClose}
      maxWidth="md"
    >
      {submitting => (
        <>
          <TextField
            id={`${ID}-kubeconfig`}
            label="Kubeconfig"
            value={kubeconfig}
            onChange={e => setKubeconfig(e.target.value)}
            placeholder={PLACEHOLDER}
            helperText="Inline credentials only: a token or a client certificate. It is stored encrypted once the cluster is registered."
            disabled={submitting}
            multiline
            minRows={6}
            maxRows={16}
            fullWidth
            required
            variant="outlined"
            margin="dense"
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace' },
            }}
          />
          <Button
            onClick={() => readContexts(kubeconfig)}
            disabled={!kubeconfig.trim() || reading || submitting}
          >
            Read contexts
          </Button>
          {/* Beside the button that asked, not below the fields. */}
          {contextsError && (
            <Typography color="error" role="alert" variant="body2">
              {contextsError}
            </Typography>
          )}
          {contexts && (
            <TextField
              select
              id={`${ID}-context`}
              label="Context"
              value={context}
              onChange={e => chooseContext(e.target.value, contexts)}
              helperText={
                picked &&
                `Server ${picked.server}, user ${picked.user}${
                  picked.namespace ? `, namespace ${picked.namespace}` : ''
                }`
              }
              disabled={submitting}
              SelectProps={{ native: true }}
              fullWidth
              margin="dense"
            >
              {contexts.contexts.map(c => (
                <option key={c.name} value={c.name}>
                  {`${c.name} (${c.server})`}
                </option>
              ))}
            </TextField>
          )}
          <TextField
            id={`${ID}-name`}
            label="Name"
            value={name}
            onChange={e => {
              nameEdited.current = true;
              setName(e.target.value);
            }}
            error={!!nameProblem}
            helperText={
              nameProblem ??
              'Identifies the cluster in URLs, permissions and the audit trail; it cannot change later'
            }
            disabled={submitting}
            required
            fullWidth
            margin="dense"
          />
          <ClusterSettingsFields
            value={settings}
            onChange={setSettings}
            problems={problems}
            idPrefix={ID}
            titleHint="Defaults to the name"
            disabled={submitting}
          />
        </>
      )}
    </ActionDialog>
  );
}
