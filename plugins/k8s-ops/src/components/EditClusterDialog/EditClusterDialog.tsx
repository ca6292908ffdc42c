import { useApi } from '@backstage/frontend-plugin-api';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { backendMessage } from '../../lib/backendMessage';
import {
  clusterChanges,
  ClusterSettings,
  clusterSettingsProblems,
  formatLabels,
  hasProblems,
} from '../../lib/clusterFields';
import { ClusterSettingsFields } from '../ClusterSettingsFields';

const ID = 'k8s-ops-edit-cluster';
const TITLE_ID = `${ID}-dialog-title`;

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
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const problems = clusterSettingsProblems(settings, { titleRequired: true });
  const changes = clusterChanges(cluster, settings);
  const canSave =
    !saving && !hasProblems(problems) && Object.keys(changes).length > 0;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await api.updateCluster(cluster.name, changes));
    } catch (e) {
      setError(backendMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      aria-labelledby={TITLE_ID}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={TITLE_ID}>Edit cluster {cluster.name}</DialogTitle>
      <DialogContent>
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
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={!canSave}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
