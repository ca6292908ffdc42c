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
import { useMemo } from 'react';
import { useClusters } from '../../hooks/useClusters';
import { useEntityWorkloads } from '../../hooks/useEntityWorkloads';
import { useProgressiveCount } from '../../hooks/useProgressiveCount';
import { backendMessage } from '../../lib/backendMessage';
import { entitySummary } from '../../lib/entityObjects';
import { WorkloadsTables } from '../WorkloadsTables';

/** The Kubernetes tab of a catalog entity: its workloads on every cluster. */
export function EntityK8sOpsContent() {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations;
  const selector = entityLabelSelector(annotations);
  const namespace = annotations?.[K8S_NAMESPACE_ANNOTATION];
  const { value, loading, error } = useEntityWorkloads(selector, namespace);
  // Health is a header's detail: the tables do not wait for it.
  const clusters = useClusters();
  const health = useMemo(
    () => new Map((clusters.value ?? []).map(c => [c.name, c.health])),
    [clusters.value],
  );
  // Each cluster's tables are many: the first cluster's are painted
  // first, the others one frame after another.
  const shown = useProgressiveCount(value?.clusters.length ?? 0);

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
        {value && value.clusters.length > 0 && (
          <Typography variant="h6" component="p" data-testid="k8s-ops-summary">
            {entitySummary(value.clusters)}
          </Typography>
        )}
      </InfoCard>
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {value?.clusters.slice(0, shown).map(cluster => (
        <WorkloadsTables
          key={cluster.cluster}
          workloads={cluster}
          health={health.get(cluster.cluster)}
          oneNamespace={Boolean(namespace)}
        />
      ))}
      {value && value.clusters.length === 0 && (
        <Typography>No cluster is visible to you.</Typography>
      )}
    </Content>
  );
}
