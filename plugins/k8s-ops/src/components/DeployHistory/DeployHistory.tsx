import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { DeployRecord } from '@k8s-ops/plugin-k8s-ops-common';
import { useState } from 'react';
import { k8sOpsDeployApiRef } from '../../api/K8sOpsDeployApi';
import { useDeploys } from '../../hooks/useDeploys';
import { backendMessage } from '../../lib/backendMessage';
import { ActionDialog } from '../ActionDialog';

function duration(ms?: number) {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The deploys kept in the history, newest first, each with its outcome and
 * a rollback to its manifests (the live Secret keeps its values).
 */
export function DeployHistory(props: {
  cluster?: string;
  namespace?: string;
  service?: string;
}) {
  const api = useApi(k8sOpsDeployApiRef);
  const deploys = useDeploys(props);
  const [rollingBack, setRollingBack] = useState<DeployRecord>();
  const [rolledBack, setRolledBack] = useState<string>();
  const columns: TableColumn<DeployRecord>[] = [
    { title: 'When', render: d => new Date(d.createdAt).toLocaleString() },
    { title: 'Who', field: 'actor' },
    { title: 'Cluster', field: 'cluster' },
    { title: 'Namespace', field: 'namespace' },
    { title: 'Service', field: 'service' },
    {
      title: 'Outcome',
      render: d => (
        <Typography
          variant="body2"
          color={d.status === 'failed' ? 'error' : 'textPrimary'}
        >
          {d.status}
          {d.rollbackOf ? ' (rollback)' : ''}
          {d.reason && d.status !== 'available' ? `: ${d.reason}` : ''}
        </Typography>
      ),
    },
    { title: 'Duration', render: d => duration(d.durationMs) },
    {
      title: '',
      render: d => (
        <Button size="small" onClick={() => setRollingBack(d)}>
          Roll back to this
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<DeployRecord>
        title="Deploy history"
        options={{ paging: false, search: false, padding: 'dense' }}
        isLoading={deploys.loading}
        data={deploys.value ?? []}
        columns={columns}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            {deploys.error ? backendMessage(deploys.error) : 'No deploys yet'}
          </Typography>
        }
      />
      {rolledBack && <Typography role="status">{rolledBack}</Typography>}
      {rollingBack && (
        <ActionDialog
          title={`Roll ${rollingBack.name} back?`}
          confirmLabel="Roll back"
          onClose={() => setRollingBack(undefined)}
          onConfirm={async () => {
            const answer = await api.rollbackDeploy(rollingBack.id);
            setRolledBack(`Rolling ${answer.name} back: deploy ${answer.id}`);
            setRollingBack(undefined);
            deploys.retry();
          }}
        >
          Applies the manifests of the deploy of{' '}
          {new Date(rollingBack.createdAt).toLocaleString()} to{' '}
          {rollingBack.cluster}/{rollingBack.namespace} again. The live Secret
          keeps its values.
        </ActionDialog>
      )}
    </>
  );
}
