import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { DeployResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { useDeployProgress } from '../../hooks/useDeployProgress';
import { backendMessage } from '../../lib/backendMessage';

const STATUS_WORDS = {
  available: 'Available',
  failed: 'Failed',
  progressing: 'Progressing',
};

function changeOf(applied: { created: boolean; diff: string }) {
  if (applied.created) {
    return 'new';
  }
  return applied.diff ? 'changed' : 'unchanged';
}

/** Each manifest a deploy applies, or would, with its diff against the live object. */
export function DeployPreview(props: { result: DeployResponse }) {
  const { result } = props;
  return (
    <InfoCard title={result.dryRun ? 'Preview (dry run)' : 'Applied'}>
      {result.applied.map(a => (
        <Box key={`${a.kind}/${a.namespace}/${a.name}`} mb={2}>
          <Typography variant="subtitle2">
            {a.kind} {a.namespace ? `${a.namespace}/` : ''}
            {a.name} · {changeOf(a)}
          </Typography>
          {a.diff ? (
            <pre style={{ fontSize: 12, overflowX: 'auto', margin: 0 }}>
              {a.diff}
            </pre>
          ) : (
            a.kind === 'Secret' && (
              <Typography variant="caption">
                Secret values are not shown
              </Typography>
            )
          )}
        </Box>
      ))}
    </InfoCard>
  );
}

/** A rollout followed live until it is available or fails. */
export function DeployProgress(props: { id: string; name: string }) {
  const { events, error, done, last } = useDeployProgress(props.id);
  return (
    <InfoCard
      title={`Rollout of ${props.name}`}
      subheader={`Deploy ${props.id}`}
    >
      {!done && !error && <LinearProgress aria-label="Rolling out" />}
      {error && <Typography color="error">{backendMessage(error)}</Typography>}
      {last && (
        <Typography
          role="status"
          variant="h6"
          color={last.status === 'failed' ? 'error' : 'textPrimary'}
        >
          {STATUS_WORDS[last.status]}: {last.message}
        </Typography>
      )}
      <Box component="ul" pl={2}>
        {events.map((e, i) => (
          <li key={i}>
            <Typography variant="body2">
              {new Date(e.at).toLocaleTimeString()} {e.message}
            </Typography>
          </li>
        ))}
      </Box>
    </InfoCard>
  );
}
