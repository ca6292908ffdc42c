import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import { ActionDialog } from '../ActionDialog';

/** Asks before a registered cluster is removed, and removes it. */
export function RemoveClusterDialog(props: {
  cluster: ClusterSummary;
  onClose: () => void;
  onRemove: () => Promise<void>;
}) {
  const { cluster, onClose, onRemove } = props;
  return (
    <ActionDialog
      title={`Remove cluster ${cluster.name}?`}
      confirmLabel="Remove"
      destructive
      onConfirm={onRemove}
      onClose={onClose}
      fullWidth={false}
    >
      <DialogContentText>
        k8s-ops forgets {cluster.title} ({cluster.url}) and its stored
        credentials. Nothing changes on the cluster itself, and it can be
        registered again with a kubeconfig.
      </DialogContentText>
    </ActionDialog>
  );
}
