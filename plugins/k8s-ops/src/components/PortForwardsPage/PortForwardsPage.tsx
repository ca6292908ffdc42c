import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  k8sOpsClusterManagePermission,
  PortForwardSession,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { usePortForwards } from '../../hooks/usePortForwards';
import { backendMessage } from '../../lib/backendMessage';

/**
 * The port-forward sessions of the person, or everyone's for admins: what
 * each reaches, its state or error, and Stop.
 */
export function PortForwardsPage() {
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const [all, setAll] = useState(false);
  const { value, loading, error, retry } = usePortForwards(all);
  const [stopping, setStopping] = useState<string>();
  // Everyone's sessions are for admins: those who manage clusters.
  const { allowed: mayListAll } = usePermission({
    permission: k8sOpsClusterManagePermission,
  });

  const stop = async (session: PortForwardSession) => {
    setStopping(session.id);
    try {
      await api.stopPortForward(session.id);
      retry();
    } catch (e) {
      alertApi.post({ message: backendMessage(e), severity: 'error' });
    } finally {
      setStopping(undefined);
    }
  };

  const columns: TableColumn<PortForwardSession>[] = [
    { title: 'Cluster', field: 'cluster' },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Target',
      render: s =>
        `${s.target.kind === 'service' ? 'svc/' : ''}${s.target.name}${
          s.target.kind === 'service' ? ` → ${s.pod}` : ''
        }`,
    },
    {
      title: 'Ports',
      render: s =>
        s.ports
          .map(p => (p.port === p.podPort ? p.port : `${p.port}→${p.podPort}`))
          .join(', '),
    },
    ...(all ? [{ title: 'Owner', field: 'owner' } as const] : []),
    {
      title: 'State',
      render: s => (
        <Chip
          size="small"
          color={s.state === 'active' ? 'primary' : 'default'}
          label={s.error ? `${s.state}: ${s.error}` : s.state}
        />
      ),
    },
    { title: 'Started', render: s => new Date(s.startedAt).toLocaleString() },
    {
      title: 'Last used',
      render: s => new Date(s.lastUsedAt).toLocaleString(),
    },
    {
      title: '',
      render: s =>
        s.state === 'active' && (
          <Button
            size="small"
            color="secondary"
            disabled={stopping === s.id}
            onClick={() => stop(s)}
            aria-label={`Stop ${s.target.name}`}
          >
            Stop
          </Button>
        ),
    },
  ];

  return (
    <Page themeId="tool">
      <Header title="Port-forwards" subtitle="Kubernetes" />
      <Content>
        <ContentHeader title={all ? "Everyone's sessions" : 'My sessions'}>
          {mayListAll && (
            <FormControlLabel
              control={
                <Switch checked={all} onChange={(_e, on) => setAll(on)} />
              }
              label="Everyone's"
            />
          )}
        </ContentHeader>
        {error ? (
          <ResponseErrorPanel error={error} />
        ) : (
          <Table
            title="Sessions"
            isLoading={loading && !value}
            columns={columns}
            data={value?.items ?? []}
            options={{ paging: false, search: false }}
            emptyContent={
              <div style={{ padding: 16 }}>
                No port-forwards. Start one with “Forward a port” on a pod or a
                Service.
              </div>
            }
          />
        )}
      </Content>
    </Page>
  );
}
