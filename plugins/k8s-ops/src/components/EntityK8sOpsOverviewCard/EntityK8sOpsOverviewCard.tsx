import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ClusterHealth,
  entityLabelSelector,
  K8S_NAMESPACE_ANNOTATION,
  summarizeClusterWorkloads,
} from '@k8s-ops/plugin-k8s-ops-common';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import { useEffect } from 'react';
import { useClusters } from '../../hooks/useClusters';
import { useEntityWorkloads } from '../../hooks/useEntityWorkloads';
import { backendMessage } from '../../lib/backendMessage';
import { WrappingChip } from '../WrappingChip';

function HealthChip(props: { health?: ClusterHealth }) {
  const status = props.health?.status ?? 'unknown';
  return (
    <Chip
      size="small"
      label={status}
      color={status === 'reachable' ? 'primary' : 'default'}
    />
  );
}

/**
 * The overview card of a catalog entity: one line per cluster with the
 * cluster's health and the entity's problems there, live.
 */
export function EntityK8sOpsOverviewCard() {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations;
  const { value, loading, error } = useEntityWorkloads(
    entityLabelSelector(annotations),
    annotations?.[K8S_NAMESPACE_ANNOTATION],
  );
  const clusters = useClusters();
  // The entity's Kubernetes tab is the next click from here: its code is
  // fetched while the page is idle, not after the click.
  useEffect(() => {
    const timer = setTimeout(() => {
      import('../EntityK8sOpsContent').catch(() => undefined);
    }, 500);
    return () => clearTimeout(timer);
  }, []);
  const healthOf = (name: string) =>
    clusters.value?.find(c => c.name === name)?.health;

  return (
    <InfoCard title="Kubernetes">
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
      {value && value.clusters.length === 0 && 'No cluster is visible to you.'}
      <List dense disablePadding>
        {value?.clusters.map(cluster => {
          const summary = summarizeClusterWorkloads(cluster);
          const problems = [
            ...new Map(summary.problems.map(p => [p.message, p])).values(),
          ];
          return (
            <ListItem
              key={cluster.cluster}
              disableGutters
              data-testid={`overview-${cluster.cluster}`}
              // Problems wrap under the cluster's line rather than being
              // cut off beside it.
              style={{ flexWrap: 'wrap', gap: 4, alignItems: 'flex-start' }}
            >
              <ListItemText
                style={{ flex: '1 1 100%' }}
                primary={
                  <>
                    {cluster.title}{' '}
                    <HealthChip health={healthOf(cluster.cluster)} />
                  </>
                }
                secondary={
                  cluster.error ??
                  `${summary.workloads} workloads · ${summary.readyPods}/${summary.pods} pods ready`
                }
              />
              {problems.length === 0 && !cluster.error && (
                <Chip size="small" label="no problems" variant="outlined" />
              )}
              {problems.slice(0, 3).map(p => (
                <Tooltip key={p.message} title={p.hint}>
                  <WrappingChip color="secondary" label={p.message} />
                </Tooltip>
              ))}
              {problems.length > 3 && (
                <Chip size="small" label={`+${problems.length - 3} more`} />
              )}
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
