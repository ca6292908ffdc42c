import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  entityLabelSelector,
  K8S_NAMESPACE_ANNOTATION,
} from '@k8s-ops/plugin-k8s-ops-common';
import Typography from '@material-ui/core/Typography';
import { useEntityWorkloads } from '../../hooks/useEntityWorkloads';
import { backendMessage } from '../../lib/backendMessage';
import { WorkloadsTables } from '../WorkloadsTables';

/** The Kubernetes tab of a catalog entity: its workloads on every cluster. */
export function EntityK8sOpsContent() {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations;
  const selector = entityLabelSelector(annotations);
  const namespace = annotations?.[K8S_NAMESPACE_ANNOTATION];
  const { value, loading, error } = useEntityWorkloads(selector, namespace);

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
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {value?.clusters.map(cluster => (
        <WorkloadsTables key={cluster.cluster} workloads={cluster} />
      ))}
      {value && value.clusters.length === 0 && (
        <Typography>No cluster is visible to you.</Typography>
      )}
    </Content>
  );
}
