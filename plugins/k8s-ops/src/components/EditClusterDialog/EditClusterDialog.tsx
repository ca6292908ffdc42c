import { useApi } from '@backstage/frontend-plugin-api';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import {
  clusterChanges,
  ClusterSettings,
  clusterSettingsProblems,
  formatLabels,
  hasProblems,
} from '../../lib/clusterFields';
import { ActionDialog } from '../ActionDialog';
import { ClusterSettingsFields } from '../ClusterSettingsFields';

const ID = 'k8s-ops-edit-cluster';

/**
 * Edits a registered cluster's title, group, labels, read-only and
 * impersonation, sending only what changed.
 */
export function EditClusterDialog(props: {
  cluster: ClusterSummary;
  open: boolean;
  onClose: () => void;
  onSaved: (cluster: ClusterSummary) => void;
}) {
  const { cluster, open, onClose, onSaved } = props;
  const api = useApi(k8sOpsApiRef);
  const [settings, setSettings] = useState<ClusterSettings>(() => ({
    title: cluster.title,
    group: cluster.group ?? '',
    labels: formatLabels(cluster.labels),
    readOnly: cluster.readOnly,
    impersonate: cluster.impersonate,
  }));
  const problems = clusterSettingsProblems(settings, { titleRequired: true });
  const changes = clusterChanges(cluster, settings);

  if (!open) {
    return null;
  }
  return (
    <ActionDialog
      title={`Edit cluster ${cluster.name}`}
      confirmLabel="Save"
      confirmDisabled={
        hasProblems(problems) || Object.keys(changes).length === 0
      }
      onConfirm={async () =>
        onSaved(await api.updateCluster(cluster.name, changes))
      }
      onClose={onClose}
    >
      {saving => (
        <>
          <Typography variant="body2" color="textSecondary">
            {cluster.url}
          </Typography>
          <ClusterSettingsFields
            value={settings}
            onChange={setSettings}
            problems={problems}
            idPrefix={ID}
            disabled={saving}
          />
        </>
      )}
    </ActionDialog>
  );
}
