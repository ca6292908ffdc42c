import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { JobLogsResponse, JobSummary } from '@k8s-ops/plugin-k8s-ops-common';
import { useState } from 'react';
import { k8sOpsDeployApiRef } from '../../api/K8sOpsDeployApi';
import { useJobs } from '../../hooks/useJobs';
import { backendMessage } from '../../lib/backendMessage';

/**
 * The jobs of a cluster, live and those kept after they are gone, with the
 * logs of their pods, which the portal keeps when a job ends.
 */
export function ClusterJobs(props: { cluster: string; namespace?: string }) {
  const api = useApi(k8sOpsDeployApiRef);
  const jobs = useJobs(props.cluster, props.namespace);
  const [logs, setLogs] = useState<{
    job: JobSummary;
    answer?: JobLogsResponse;
    error?: string;
  }>();
  const show = async (job: JobSummary) => {
    setLogs({ job });
    try {
      setLogs({ job, answer: await api.getJobLogs(job) });
    } catch (e) {
      setLogs({ job, error: backendMessage(e) });
    }
  };
  const columns: TableColumn<JobSummary>[] = [
    { title: 'Job', render: j => `${j.namespace}/${j.name}` },
    { title: 'Run', render: j => j.runId ?? '—' },
    {
      title: 'Status',
      render: j => `${j.status}${j.reason ? `: ${j.reason}` : ''}`,
    },
    {
      title: 'Started',
      render: j => (j.startTime ? new Date(j.startTime).toLocaleString() : '—'),
    },
    {
      title: 'Ended',
      render: j =>
        j.completionTime ? new Date(j.completionTime).toLocaleString() : '—',
    },
    { title: 'Attempts', field: 'attempts' },
    {
      title: 'Pods',
      render: j =>
        j.live ? j.pods.map(p => p.name).join(', ') || '—' : 'gone',
    },
    {
      title: '',
      render: j => (
        <Button
          size="small"
          disabled={!j.live && !j.logsKept}
          onClick={() => show(j)}
        >
          Logs
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<JobSummary>
        title="Jobs"
        options={{ paging: false, search: false, padding: 'dense' }}
        isLoading={jobs.loading}
        data={jobs.value ?? []}
        columns={columns}
        actions={[
          {
            icon: () => <span>Refresh</span>,
            isFreeAction: true,
            tooltip: 'Refresh',
            onClick: () => jobs.retry(),
          },
        ]}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            {jobs.error ? backendMessage(jobs.error) : 'No jobs'}
          </Typography>
        }
      />
      {logs && (
        <InfoCard
          title={`Logs of ${logs.job.name}`}
          subheader={
            logs.answer?.source === 'kept'
              ? 'Kept by the portal: the pods are gone'
              : 'Live from the pods'
          }
        >
          {logs.error && <Typography color="error">{logs.error}</Typography>}
          {logs.answer?.pods.map(p => (
            <div key={`${p.pod}/${p.container}`}>
              <Typography variant="subtitle2">
                {p.pod} / {p.container}
                {p.truncated ? ' (cut at the limit kept per job)' : ''}
              </Typography>
              <pre style={{ fontSize: 12, maxHeight: 320, overflow: 'auto' }}>
                {p.text}
              </pre>
            </div>
          ))}
        </InfoCard>
      )}
    </>
  );
}
