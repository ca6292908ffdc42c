import { CopyTextButton, InfoCard } from '@backstage/core-components';
import {
  InfraInstance,
  InfraServiceResult,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  instance: {
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  endpoint: {
    fontFamily: 'monospace',
    fontSize: 13,
    wordBreak: 'break-all',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

function Instance(props: { instance: InfraInstance; showNamespace: boolean }) {
  const { instance, showNamespace } = props;
  const classes = useStyles();
  const { workload } = instance;
  const healthy = workload.desired > 0 && workload.ready >= workload.desired;
  return (
    <div className={classes.instance} data-testid="infra-instance">
      <Typography variant="subtitle2">
        {showNamespace ? `${instance.namespace}/` : ''}
        {instance.name}
      </Typography>
      <div className={classes.chips}>
        <Chip size="small" label={`${workload.kind} ${workload.name}`} />
        <Chip
          size="small"
          color={healthy ? 'primary' : 'secondary'}
          label={`${workload.ready}/${workload.desired} ready`}
        />
        {workload.version && (
          <Chip size="small" label={`version ${workload.version}`} />
        )}
        <Chip
          size="small"
          variant="outlined"
          label={`by ${instance.matchedBy.join(', ')}`}
        />
      </div>
      {instance.endpoints.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No Service exposes it
        </Typography>
      ) : (
        instance.endpoints.map(endpoint => (
          <Box
            key={`${endpoint.type}-${endpoint.address}`}
            display="flex"
            alignItems="center"
          >
            <Chip size="small" variant="outlined" label={endpoint.type} />
            <Box ml={1} className={classes.endpoint} flex={1}>
              {endpoint.address}
            </Box>
            <CopyTextButton
              text={endpoint.address}
              tooltipText="Copied"
              aria-label={`Copy ${endpoint.address}`}
            />
          </Box>
        ))
      )}
      {instance.credentialsSecret && (
        <Typography variant="body2" color="textSecondary">
          Credentials probably in Secret{' '}
          <code>{instance.credentialsSecret}</code>
        </Typography>
      )}
    </div>
  );
}

/** One service type of a scan: its instances, or that none was found. */
export function ServiceTypeCard(props: {
  service: InfraServiceResult;
  showNamespace: boolean;
}) {
  const { service, showNamespace } = props;
  return (
    <InfoCard
      title={service.title}
      subheader={
        service.found
          ? `${service.instances.length} found · ${service.category}`
          : `not found · ${service.category}`
      }
    >
      <div
        data-testid={`infra-card-${service.type}`}
        aria-label={`${service.title}: ${
          service.found ? 'found' : 'not found'
        }`}
      >
        {service.found ? (
          service.instances.map(instance => (
            <Instance
              key={`${instance.namespace}/${instance.name}`}
              instance={instance}
              showNamespace={showNamespace}
            />
          ))
        ) : (
          <Typography variant="body2" color="textSecondary">
            Not found
          </Typography>
        )}
      </div>
    </InfoCard>
  );
}
