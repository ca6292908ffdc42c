import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  K8sOpsObjectRef,
  KubeObject,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
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
  delete: 'Delete',
};

function ActionButton(props: {
  action: ObjectAction;
  target: K8sOpsObjectRef;
  onAction: (pending: PendingAction) => void;
}) {
  const { action, target, onAction } = props;
  const { allowed, loading } = usePermission({
    permission: permissionOf(action),
    resourceRef: stringifyK8sOpsObjectRef(target),
  });
  if (loading || !allowed) {
    return null;
  }
  return (
    <Button
      size="small"
      color={action === 'delete' ? 'secondary' : 'primary'}
      onClick={() => onAction({ action, ref: target })}
      aria-label={`${labels[action]} ${target.name}`}
    >
      {labels[action]}
    </Button>
  );
}

/**
 * The action buttons of one object: each shown only when the cluster is
 * writable and the person holds the permission for this very object.
 */
export function ObjectActionButtons(props: {
  object: KubeObject;
  target: K8sOpsObjectRef;
  readOnly: boolean;
  onAction: (pending: PendingAction) => void;
}) {
  const { object, target, readOnly, onAction } = props;
  if (readOnly) {
    return null;
  }
  return (
    <>
      {actionsFor(object.kind).map(action => (
        <ActionButton
          key={action}
          action={action}
          target={target}
          onAction={onAction}
        />
      ))}
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
    } else {
      await api.deleteResource(pending.ref);
    }
    alertApi.post({
      message:
        pending.action === 'scale'
          ? `Scaled ${what} to ${count}`
          : `${pending.action === 'restart' ? 'Restarted' : 'Deleted'} ${what}`,
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
      {pending.action === 'delete' && (
        <DialogContentText>
          {what} is deleted. If a controller owns it, the controller makes a new
          one.
        </DialogContentText>
      )}
    </ActionDialog>
  );
}
