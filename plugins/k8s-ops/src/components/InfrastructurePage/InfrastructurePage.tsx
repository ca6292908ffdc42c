import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useClusters } from '../../hooks/useClusters';
import { useInfraScan } from '../../hooks/useInfraScan';
import { useNamespaces } from '../../hooks/useNamespaces';
import { backendMessage } from '../../lib/backendMessage';
import { NamespaceSelect } from '../ClusterPage/NamespaceSelect';
import { EnvMapEditor } from '../EnvMapEditor';
import { ProvisionNamespaceDialog } from '../ProvisionNamespaceDialog';
import { ServiceTypeCard } from './ServiceTypeCard';

/**
 * Which databases, caches and queues run in a namespace, and how to reach
 * them: pick a cluster and a namespace (or all), see the last scan, scan
 * again. Namespaces are provisioned and environment maps written from here.
 */
export function InfrastructurePage() {
  const [search, setSearch] = useSearchParams();
  const clusters = useClusters();
  const cluster = search.get('cluster') ?? clusters.value?.[0]?.name;
  const namespace = search.get('namespace') || undefined;
  const [dialog, setDialog] = useState<'provision' | 'env'>();
  const namespaces = useNamespaces(cluster);
  const infra = useInfraScan(cluster, namespace);
  const choose = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'cluster') next.delete('namespace');
    setSearch(next, { replace: true });
  };
  const found = infra.scan?.services.filter(s => s.found) ?? [];
  const missing = infra.scan?.services.filter(s => !s.found) ?? [];

  return (
    <Page themeId="tool">
      <Header
        title="Infrastructure"
        subtitle="Databases, caches and queues running in your namespaces, and how to reach them"
      />
      <Content>
        <ContentHeader title="Infrastructure scan">
          <Button
            variant="outlined"
            disabled={!cluster}
            onClick={() => setDialog('provision')}
          >
            Provision namespace
          </Button>
          <Button
            variant="outlined"
            disabled={!cluster || !namespace}
            onClick={() => setDialog('env')}
          >
            Environment
          </Button>
        </ContentHeader>
        {clusters.error && (
          <ResponseErrorPanel
            error={clusters.error}
            title={backendMessage(clusters.error)}
          />
        )}
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <TextField
            select
            label="Cluster"
            margin="dense"
            variant="outlined"
            style={{ minWidth: 220 }}
            value={cluster ?? ''}
            onChange={e => choose('cluster', e.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            inputProps={{ 'aria-label': 'Cluster' }}
          >
            {(clusters.value ?? []).map(c => (
              <option key={c.name} value={c.name}>
                {c.title}
              </option>
            ))}
          </TextField>
          <NamespaceSelect
            namespaces={namespaces.value ?? []}
            value={namespace}
            onChange={value => choose('namespace', value)}
            disabled={!cluster}
          />
          <Button
            variant="contained"
            color="primary"
            disabled={!cluster || infra.scanning}
            onClick={infra.runScan}
          >
            {infra.scan ? 'Rescan' : 'Scan'}
          </Button>
          {infra.scan && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="infra-last-scan"
            >
              Last scanned {new Date(infra.scan.scannedAt).toLocaleString()} by{' '}
              {infra.scan.scannedBy} ({Math.round(infra.scan.durationMs)} ms):{' '}
              {found.length} of {infra.scan.services.length} service types found
            </Typography>
          )}
        </Box>
        {infra.scanning && (
          <Box my={1}>
            <LinearProgress aria-label="Scanning" />
            <Typography variant="body2">
              Scanning {namespace ?? 'every namespace'} of {cluster}…
            </Typography>
          </Box>
        )}
        {infra.scanError && (
          <ResponseErrorPanel
            error={infra.scanError}
            title={backendMessage(infra.scanError)}
          />
        )}
        {infra.loadError && (
          <ResponseErrorPanel
            error={infra.loadError}
            title={backendMessage(infra.loadError)}
          />
        )}
        {infra.loading && <Progress />}
        {!infra.loading && !infra.scan && cluster && !infra.scanning && (
          <Box my={2}>
            <Typography>
              {namespace ?? 'Every namespace'} of {cluster} was never scanned:
              scan it to see what runs there.
            </Typography>
          </Box>
        )}
        {infra.scan && (
          <Box mt={2}>
            <Grid container spacing={2}>
              {[...found, ...missing].map(service => (
                <Grid item xs={12} md={6} lg={4} key={service.type}>
                  <ServiceTypeCard
                    service={service}
                    showNamespace={!infra.scan?.namespace}
                  />
                </Grid>
              ))}
            </Grid>
          </Box>
        )}
        {dialog === 'provision' && cluster && (
          <ProvisionNamespaceDialog
            cluster={cluster}
            onClose={() => setDialog(undefined)}
            onProvisioned={name => {
              setDialog(undefined);
              choose('namespace', name);
            }}
          />
        )}
        {dialog === 'env' && cluster && namespace && (
          <EnvMapEditor
            cluster={cluster}
            namespace={namespace}
            onClose={() => setDialog(undefined)}
          />
        )}
      </Content>
    </Page>
  );
}
