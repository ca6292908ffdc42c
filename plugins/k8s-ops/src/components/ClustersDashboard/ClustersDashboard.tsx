import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ClusterSummary,
  k8sOpsClusterManagePermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import { useCallback, useMemo, useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { useClusters } from '../../hooks/useClusters';
import { useInfraScans } from '../../hooks/useInfraScan';
import { countInfraServices } from '../../lib/infraCounts';
import { ClustersTable } from '../ClustersTable';
import { EditClusterDialog } from '../EditClusterDialog';
import { RegisterClusterDialog } from '../RegisterClusterDialog';
import { backendMessage } from '../../lib/backendMessage';
import { RemoveClusterDialog } from './RemoveClusterDialog';
import { SearchBox } from '../SearchBox';

type OpenDialog =
  | { kind: 'register' }
  | { kind: 'edit'; cluster: ClusterSummary }
  | { kind: 'remove'; cluster: ClusterSummary };

/**
 * Every cluster k8s-ops knows, with its health; people who may manage
 * clusters also register, edit and remove them here.
 */
export function ClustersDashboard() {
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canManage } = usePermission({
    permission: k8sOpsClusterManagePermission,
  });
  const [dialog, setDialog] = useState<OpenDialog>();
  const { value: clusters, loading, error, retry } = useClusters();
  const scans = useInfraScans();
  const infraCounts = useMemo(
    () => scans.value && countInfraServices(scans.value),
    [scans.value],
  );

  const check = useCallback(
    (cluster: string) => {
      api
        .checkClusterHealth(cluster)
        .then(health =>
          alertApi.post({
            message: `${cluster}: ${health.status}${
              health.error ? ` (${health.error})` : ''
            }`,
            severity: health.status === 'reachable' ? 'success' : 'warning',
            display: 'transient',
          }),
        )
        .catch(e =>
          alertApi.post({
            message: `Could not check cluster ${cluster}: ${backendMessage(e)}`,
            severity: 'error',
          }),
        )
        .finally(retry);
    },
    [api, alertApi, retry],
  );

  const close = useCallback(() => setDialog(undefined), []);
  // Stable, so that the table keeps its columns from one render to the next.
  const edit = useCallback(
    (cluster: ClusterSummary) => setDialog({ kind: 'edit', cluster }),
    [],
  );
  const remove = useCallback(
    (cluster: ClusterSummary) => setDialog({ kind: 'remove', cluster }),
    [],
  );

  const done = useCallback(
    (message: string) => {
      setDialog(undefined);
      alertApi.post({ message, severity: 'success', display: 'transient' });
      retry();
    },
    [alertApi, retry],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes"
        subtitle="Clusters, workloads and operations across every cluster"
      />
      <Content>
        <ContentHeader title="Clusters">
          <SearchBox />
          {canManage && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setDialog({ kind: 'register' })}
            >
              Register cluster
            </Button>
          )}
        </ContentHeader>
        {loading && !clusters && <Progress />}
        {error && (
          <ResponseErrorPanel error={error} title={backendMessage(error)} />
        )}
        {clusters && (
          <ClustersTable
            title={`Clusters (${clusters.length})`}
            clusters={clusters}
            infraCounts={infraCounts}
            onCheck={check}
            onEdit={canManage ? edit : undefined}
            onRemove={canManage ? remove : undefined}
          />
        )}
        {/* Mounted only while open, so every opening starts afresh. */}
        {dialog?.kind === 'register' && (
          <RegisterClusterDialog
            open
            onClose={close}
            onRegistered={cluster => {
              done(`Registered cluster ${cluster.name}`);
              // Checked at once, so that it does not read "not checked yet".
              check(cluster.name);
            }}
          />
        )}
        {dialog?.kind === 'edit' && (
          <EditClusterDialog
            open
            cluster={dialog.cluster}
            onClose={close}
            onSaved={cluster => done(`Saved cluster ${cluster.name}`)}
          />
        )}
        {dialog?.kind === 'remove' && (
          <RemoveClusterDialog
            cluster={dialog.cluster}
            onClose={close}
            onRemove={async () => {
              await api.removeCluster(dialog.cluster.name);
              done(`Removed cluster ${dialog.cluster.name}`);
            }}
          />
        )}
      </Content>
    </Page>
  );
}
