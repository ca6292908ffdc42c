import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { ClustersTable } from '../ClustersTable';

/** The platform team's page: every cluster k8s-ops knows. */
export function K8sOpsPage() {
  const api = useApi(k8sOpsApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [health, clusters] = await Promise.all([
      api.getHealth(),
      api.listClusters(),
    ]);
    return { health, clusters: clusters.items };
  }, [api]);

  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes"
        subtitle="Clusters, workloads and operations across every cluster"
      />
      <Content>
        <ContentHeader title="Clusters" />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <ClustersTable
            title={`Clusters (${value.clusters.length})`}
            clusters={value.clusters}
          />
        )}
      </Content>
    </Page>
  );
}
