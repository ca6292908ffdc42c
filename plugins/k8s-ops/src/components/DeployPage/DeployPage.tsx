import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DeployRequest, DeployResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { useMemo, useState } from 'react';
import { k8sOpsDeployApiRef } from '../../api/K8sOpsDeployApi';
import { useDeployTargets } from '../../hooks/useDeployTargets';
import { useNamespaceNames } from '../../hooks/useNamespaceNames';
import { backendMessage } from '../../lib/backendMessage';
import { outlineCompose } from '../../lib/composeText';
import { targetsHelp } from '../../lib/deployTargets';
import { DeployHistory } from '../DeployHistory';
import { DeployPreview, DeployProgress } from './DeployResult';

const EXPOSURES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  empty: string;
  helperText?: string;
}) {
  return (
    <TextField
      select
      fullWidth
      margin="normal"
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      inputProps={{ 'aria-label': props.label }}
      helperText={props.helperText}
    >
      <option value="">{props.empty}</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Deploys a Compose service: paste the file, pick the service, cluster and
 * namespace, fill its variables, preview the manifests with their diff,
 * deploy and follow the rollout live; the history below rolls back.
 */
export function DeployPage() {
  const api = useApi(k8sOpsDeployApiRef);
  const targets = useDeployTargets();
  const [compose, setCompose] = useState('');
  const [service, setService] = useState('');
  const [cluster, setCluster] = useState('');
  const [namespace, setNamespace] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [replicas, setReplicas] = useState('');
  const [exposure, setExposure] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<DeployResponse>();
  const namespaces = useNamespaceNames(cluster || undefined);
  const outline = useMemo(
    () => outlineCompose(compose, service || undefined),
    [compose, service],
  );

  const request = (dryRun: boolean): DeployRequest => ({
    namespace,
    compose,
    service: service || undefined,
    variables: Object.fromEntries(
      outline.variables
        .filter(
          v => variables[v.name] !== undefined && variables[v.name] !== '',
        )
        .map(v => [v.name, variables[v.name]]),
    ),
    options: {
      ...(replicas ? { replicas: Number(replicas) } : {}),
      ...(exposure ? { exposure: exposure as (typeof EXPOSURES)[number] } : {}),
    },
    dryRun,
  });
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.deploy(cluster, request(dryRun)));
    } catch (e) {
      setError(backendMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const ready =
    Boolean(compose.trim() && cluster && namespace && !outline.error) && !busy;

  return (
    <Page themeId="tool">
      <Header
        title="Deploy"
        subtitle="A Docker Compose service to a Kubernetes cluster"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <InfoCard title="Compose file">
              <TextField
                fullWidth
                multiline
                minRows={16}
                variant="outlined"
                label="Compose YAML"
                value={compose}
                onChange={e => setCompose(e.target.value)}
                inputProps={{
                  'aria-label': 'Compose YAML',
                  spellCheck: false,
                  style: { fontFamily: 'monospace' },
                }}
                error={Boolean(outline.error)}
                helperText={outline.error}
              />
              <Select
                label="Service"
                value={service}
                onChange={setService}
                empty={
                  outline.services.length === 1
                    ? outline.services[0]
                    : 'Pick a service'
                }
                options={outline.services.map(s => ({ value: s, label: s }))}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Where and how">
              <Select
                label="Cluster"
                value={cluster}
                onChange={setCluster}
                empty={targets.loading ? 'Loading clusters…' : 'Pick a cluster'}
                options={(targets.value ?? []).map(c => ({
                  value: c.name,
                  label: c.title || c.name,
                }))}
                helperText={targetsHelp(targets)}
              />
              <TextField
                fullWidth
                margin="normal"
                label="Namespace"
                value={namespace}
                onChange={e => setNamespace(e.target.value)}
                InputLabelProps={{ shrink: true }}
                inputProps={{
                  list: 'k8s-ops-deploy-namespaces',
                  'aria-label': 'Namespace',
                }}
                helperText="An existing namespace, or a new one to make"
              />
              <datalist id="k8s-ops-deploy-namespaces">
                {(namespaces.value ?? []).map(ns => (
                  <option key={ns} value={ns} />
                ))}
              </datalist>
              {outline.variables.map(v => (
                <TextField
                  key={v.name}
                  id={`k8s-ops-variable-${v.name}`}
                  fullWidth
                  margin="dense"
                  label={v.name}
                  required={v.required}
                  placeholder={v.default}
                  value={variables[v.name] ?? ''}
                  onChange={e =>
                    setVariables(previous => ({
                      ...previous,
                      [v.name]: e.target.value,
                    }))
                  }
                  InputLabelProps={{ shrink: true }}
                  helperText={
                    v.required
                      ? 'Required'
                      : `Default: ${v.default || '(empty)'}`
                  }
                />
              ))}
              <Box display="flex" style={{ gap: 16 }}>
                <TextField
                  margin="normal"
                  type="number"
                  label="Replicas"
                  value={replicas}
                  onChange={e => setReplicas(e.target.value)}
                  InputLabelProps={{ shrink: true }}
                  inputProps={{ min: 0, 'aria-label': 'Replicas' }}
                  helperText="From the file unless given"
                />
                <Select
                  label="Exposure"
                  value={exposure}
                  onChange={setExposure}
                  empty="ClusterIP"
                  options={EXPOSURES.slice(1).map(e => ({
                    value: e,
                    label: e,
                  }))}
                />
              </Box>
              <Box display="flex" mt={2} style={{ gap: 8 }}>
                <Button
                  variant="outlined"
                  disabled={!ready}
                  onClick={() => run(true)}
                >
                  Preview
                </Button>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={!ready}
                  onClick={() => run(false)}
                >
                  Deploy
                </Button>
              </Box>
              {error && (
                <Typography role="alert" color="error" style={{ marginTop: 8 }}>
                  {error}
                </Typography>
              )}
            </InfoCard>
          </Grid>
          {result?.id && (
            <Grid item xs={12}>
              <DeployProgress id={result.id} name={result.name} />
            </Grid>
          )}
          {result && (
            <Grid item xs={12}>
              <DeployPreview result={result} />
            </Grid>
          )}
          <Grid item xs={12}>
            <DeployHistory cluster={cluster || undefined} key={result?.id} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
