import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  entityLabelSelector,
  K8S_NAMESPACE_ANNOTATION,
} from '@k8s-ops/plugin-k8s-ops-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { ClustersTable } from '../ClustersTable';

/** The Kubernetes tab of a catalog entity. */
export function EntityK8sOpsContent() {
  const { entity } = useEntity();
  const api = useApi(k8sOpsApiRef);
  const annotations = entity.metadata.annotations;
  const selector = entityLabelSelector(annotations);
  const namespace = annotations?.[K8S_NAMESPACE_ANNOTATION];
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);

  return (
    <Content>
      <InfoCard title="Kubernetes workloads">
        <Typography variant="body1" data-testid="k8s-ops-entity-selector">
          Objects labelled <code>{selector}</code>
          {namespace ? (
            <>
              {' '}
              in namespace <code>{namespace}</code>
            </>
          ) : (
            ' in every namespace'
          )}
          , across every cluster.
        </Typography>
      </InfoCard>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <ClustersTable title="Clusters searched" clusters={value.items} />
      )}
    </Content>
  );
}
