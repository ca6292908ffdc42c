import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { ClustersTable } from '../ClustersTable';

/** Every cluster k8s-ops knows, with its health. */
export function ClustersDashboard() {
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const clusters = await api.listClusters();
    return { clusters: clusters.items };
  }, [api]);

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
        .catch(e => alertApi.post({ message: e.message, severity: 'error' }))
        .finally(retry);
    },
    [api, alertApi, retry],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes"
        subtitle="Clusters, workloads and operations across every cluster"
      />
      <Content>
        <ContentHeader title="Clusters" />
        {loading && !value && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <ClustersTable
            title={`Clusters (${value.clusters.length})`}
            clusters={value.clusters}
            onCheck={check}
          />
        )}
      </Content>
    </Page>
  );
}
