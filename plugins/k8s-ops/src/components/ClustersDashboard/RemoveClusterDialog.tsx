import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

const TITLE_ID = 'k8s-ops-remove-cluster-title';

/** Asks before a registered cluster is removed. */
export function RemoveClusterDialog(props: {
  cluster: ClusterSummary;
  open: boolean;
  removing: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { cluster, open, removing, onCancel, onConfirm } = props;
  return (
    <Dialog
      open={open}
      onClose={removing ? undefined : onCancel}
      aria-labelledby={TITLE_ID}
    >
      <DialogTitle id={TITLE_ID}>Remove cluster {cluster.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          k8s-ops forgets {cluster.title} ({cluster.url}) and its stored
          credentials. Nothing changes on the cluster itself, and it can be
          registered again with a kubeconfig.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={removing}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={onConfirm}
          disabled={removing}
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
