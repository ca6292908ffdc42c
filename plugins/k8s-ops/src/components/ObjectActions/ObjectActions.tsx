import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  k8sOpsResourceDeletePermission,
  k8sOpsResourceUpdatePermission,
  K8sOpsObjectRef,
  KubeObject,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { ActionDialog } from '../ActionDialog';
import {
  actionsFor,
  desiredReplicas,
  ObjectAction,
  permissionOf,
} from './objectActions';

/** An action someone asked for on one object. */
export interface PendingAction {
  action: ObjectAction;
  ref: K8sOpsObjectRef;
}

const labels: Record<ObjectAction, string> = {
  scale: 'Scale',
  restart: 'Restart',
  rollback: 'Roll back',
  delete: 'Delete',
};

const done: Record<ObjectAction, string> = {
  scale: 'Scaled',
  restart: 'Restarted',
  rollback: 'Rolled back',
  delete: 'Deleted',
};

/** More actions than this go into a row menu. */
const MAX_BUTTONS = 2;

/**
 * The actions a person may take on an object: those its kind offers, on a
 * writable cluster, with the permission for this very object.
 */
function useAllowedActions(
  object: KubeObject,
  target: K8sOpsObjectRef,
  readOnly: boolean,
): ObjectAction[] {
  const resourceRef = stringifyK8sOpsObjectRef(target);
  const update = usePermission({
    permission: k8sOpsResourceUpdatePermission,
    resourceRef,
  });
  const remove = usePermission({
    permission: k8sOpsResourceDeletePermission,
    resourceRef,
  });
  if (readOnly) {
    return [];
  }
  return actionsFor(object.kind).filter(action =>
    permissionOf(action) === k8sOpsResourceDeletePermission
      ? remove.allowed
      : update.allowed,
  );
}

/**
 * The actions of one object with their dialog: up to two as buttons, more
 * in a menu, none where the person may not act. The dialog follows the
 * object given, which the caller keeps current.
 */
export function ObjectActionsControl(props: {
  object: KubeObject;
  target: K8sOpsObjectRef;
  readOnly: boolean;
  /** Buttons in a toolbar rather than a dense row. */
  variant?: 'row' | 'toolbar';
}) {
  const { object, target, readOnly, variant = 'row' } = props;
  const actions = useAllowedActions(object, target, readOnly);
  const [pending, setPending] = useState<PendingAction>();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  if (actions.length === 0) {
    return null;
  }
  const start = (action: ObjectAction) => {
    setMenuAnchor(null);
    setPending({ action, ref: target });
  };
  return (
    <>
      {actions.length > MAX_BUTTONS ? (
        <>
          <IconButton
            size="small"
            aria-label={`Actions for ${target.name}`}
            aria-haspopup="menu"
            onClick={e => setMenuAnchor(e.currentTarget)}
          >
            <MoreVertIcon fontSize="small" />
          </IconButton>
          <Menu
            anchorEl={menuAnchor}
            open={Boolean(menuAnchor)}
            onClose={() => setMenuAnchor(null)}
            keepMounted={false}
          >
            {actions.map(action => (
              <MenuItem
                key={action}
                dense
                onClick={() => start(action)}
                aria-label={`${labels[action]} ${target.name}`}
              >
                {labels[action]}
              </MenuItem>
            ))}
          </Menu>
        </>
      ) : (
        actions.map(action => (
          <Button
            key={action}
            size="small"
            variant={variant === 'toolbar' ? 'outlined' : 'text'}
            color={action === 'delete' ? 'secondary' : 'primary'}
            onClick={() => start(action)}
            aria-label={`${labels[action]} ${target.name}`}
            style={{ whiteSpace: 'nowrap', minWidth: 0 }}
          >
            {labels[action]}
          </Button>
        ))
      )}
      <ObjectActionDialog
        pending={pending}
        object={object}
        onClose={() => setPending(undefined)}
      />
    </>
  );
}

function describe(ref: K8sOpsObjectRef, object?: KubeObject) {
  return `${object?.kind ?? ref.resource} ${
    ref.namespace ? `${ref.namespace}/` : ''
  }${ref.name}`;
}

/**
 * The dialog of a pending action: the replicas to scale to, or a
 * confirmation. It stays open with the backend's message when the action
 * fails. `object` is the object as it is now, kept current by the caller.
 */
export function ObjectActionDialog(props: {
  pending?: PendingAction;
  object?: KubeObject;
  onClose: () => void;
}) {
  const { pending, object, onClose } = props;
  // Counts the actions asked for: each one opens afresh, from what the
  // object asks for at that moment.
  const [opened, setOpened] = useState<{
    pending?: PendingAction;
    count: number;
  }>({ count: 0 });
  if (pending !== opened.pending) {
    setOpened({ pending, count: opened.count + 1 });
  }
  if (!pending) {
    return null;
  }
  return (
    <PendingActionDialog
      key={opened.count}
      pending={pending}
      object={object}
      onClose={onClose}
    />
  );
}

function PendingActionDialog(props: {
  pending: PendingAction;
  object?: KubeObject;
  onClose: () => void;
}) {
  const { pending, object, onClose } = props;
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const [replicas, setReplicas] = useState(() =>
    String((object && desiredReplicas(object)) ?? 1),
  );
  const what = describe(pending.ref, object);
  const count = Number(replicas);
  const invalid =
    pending.action === 'scale' &&
    (replicas.trim() === '' || !Number.isInteger(count) || count < 0);

  const run = async () => {
    if (pending.action === 'scale') {
      await api.scaleResource(pending.ref, count);
    } else if (pending.action === 'restart') {
      await api.restartResource(pending.ref);
    } else if (pending.action === 'rollback') {
      await api.rollbackResource(pending.ref);
    } else {
      await api.deleteResource(pending.ref);
    }
    alertApi.post({
      message:
        pending.action === 'scale'
          ? `Scaled ${what} to ${count}`
          : `${done[pending.action]} ${what}`,
      severity: 'success',
      display: 'transient',
    });
    onClose();
  };

  return (
    <ActionDialog
      title={`${labels[pending.action]} ${what}${
        pending.ref.cluster ? ` on ${pending.ref.cluster}` : ''
      }`}
      confirmLabel={labels[pending.action]}
      destructive={pending.action === 'delete'}
      confirmDisabled={invalid}
      onConfirm={run}
      onClose={onClose}
    >
      {pending.action === 'scale' && (
        <TextField
          id="k8s-ops-scale-replicas"
          fullWidth
          type="number"
          label="Replicas"
          value={replicas}
          onChange={e => setReplicas(e.target.value)}
          inputProps={{ min: 0, step: 1 }}
          error={invalid}
          helperText={
            invalid
              ? 'Enter a whole number of replicas, 0 or more'
              : `Now ${object ? desiredReplicas(object) ?? '?' : '?'}`
          }
        />
      )}
      {pending.action === 'restart' && (
        <DialogContentText>
          Every pod of {what} is replaced, one after another as its rollout
          strategy allows.
        </DialogContentText>
      )}
      {pending.action === 'rollback' && (
        <DialogContentText>
          {what} goes back to its previous revision; its pods are replaced as
          its rollout strategy allows.
        </DialogContentText>
      )}
      {pending.action === 'delete' && (
        <DialogContentText>
          {what} is deleted. If a controller owns it, the controller makes a new
          one.
        </DialogContentText>
      )}
    </ActionDialog>
  );
}
