import Button from '@material-ui/core/Button';
import Dialog, { DialogProps } from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FormEvent,
  ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { backendMessage } from '../../lib/backendMessage';

const useStyles = makeStyles(theme => ({
  // The form fills the dialog's paper as a column, so that only the fields
  // scroll and the title, the message and the buttons stay in view.
  form: {
    display: 'flex',
    flexDirection: 'column',
    flex: '1 1 auto',
    minHeight: 0,
    overflow: 'hidden',
  },
  // A long form scrolls: the message sits between the scroll area and the
  // buttons, so it is seen without scrolling down to it and while the
  // person scrolls up to the field to fix.
  error: {
    padding: theme.spacing(1, 3, 0),
    maxHeight: '30vh',
    overflowY: 'auto',
    flexShrink: 0,
  },
}));

/**
 * A dialog that asks before an action and runs it: Cancel and the confirm
 * button, both disabled while the action runs, and the backend's message
 * when it fails, with the dialog left open and what was typed kept. The
 * caller closes it once the action succeeds.
 */
export function ActionDialog(props: {
  title: ReactNode;
  /** The confirm button's label, such as `Remove`. */
  confirmLabel: string;
  /** Runs the action; a failure is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** While the input cannot be sent. */
  confirmDisabled?: boolean;
  /** A destructive action's confirm button is in the secondary colour. */
  destructive?: boolean;
  /** A second action before the confirm one, such as a dry run. */
  secondaryAction?: { label: string; onRun: () => Promise<void> };
  /** What the person edits: a change to it clears the last message. */
  input?: unknown;
  /** Styles the error line (a YAML error reads best in monospace). */
  errorClassName?: string;
  /** The fields or explanation; a function when they depend on busy. */
  children?: ReactNode | ((busy: boolean) => ReactNode);
  fullWidth?: boolean;
  maxWidth?: DialogProps['maxWidth'];
}) {
  const {
    title,
    confirmLabel,
    onConfirm,
    onClose,
    confirmDisabled,
    destructive,
    secondaryAction,
    input,
    errorClassName,
    children,
    fullWidth = true,
    maxWidth = 'sm',
  } = props;
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const classes = useStyles();
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => setError(undefined), [input]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      if (mounted.current) setError(backendMessage(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const confirm = (event?: FormEvent) => {
    event?.preventDefault();
    if (!busy && !confirmDisabled) {
      run(onConfirm);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth={fullWidth}
      maxWidth={maxWidth}
    >
      <form onSubmit={confirm} className={classes.form}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {typeof children === 'function' ? children(busy) : children}
        </DialogContent>
        {error && (
          <Typography
            className={[classes.error, errorClassName]
              .filter(Boolean)
              .join(' ')}
            color="error"
            variant="body2"
            role="alert"
          >
            {error}
          </Typography>
        )}
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          {secondaryAction && (
            <Button
              variant="outlined"
              onClick={() => run(secondaryAction.onRun)}
              disabled={busy}
            >
              {secondaryAction.label}
            </Button>
          )}
          <Button
            type="submit"
            color={destructive ? 'secondary' : 'primary'}
            variant="contained"
            disabled={busy || confirmDisabled}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
