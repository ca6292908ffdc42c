import { renderInTestApp } from '@backstage/frontend-test-utils';
import TextField from '@material-ui/core/TextField';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { responseError } from '../../__testUtils__/responseError';
import { ActionDialog } from './ActionDialog';

/** A promise the test settles when it chooses. */
function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function renderDialog(
  options: {
    onConfirm?: () => Promise<void>;
    confirmDisabled?: boolean;
    destructive?: boolean;
    onPreview?: () => Promise<void>;
  } = {},
) {
  const onConfirm = jest.fn(options.onConfirm ?? (async () => {}));
  const onClose = jest.fn();
  function Scale() {
    const [replicas, setReplicas] = useState('2');
    return (
      <ActionDialog
        title="Scale storefront"
        confirmLabel="Scale"
        onConfirm={onConfirm}
        onClose={onClose}
        confirmDisabled={options.confirmDisabled}
        destructive={options.destructive}
        secondaryAction={
          options.onPreview && { label: 'Preview', onRun: options.onPreview }
        }
        input={replicas}
      >
        {busy => (
          <TextField
            id="replicas"
            label="Replicas"
            value={replicas}
            onChange={e => setReplicas(e.target.value)}
            disabled={busy}
          />
        )}
      </ActionDialog>
    );
  }
  await renderInTestApp(<Scale />);
  const dialog = within(
    screen.getByRole('dialog', { name: 'Scale storefront' }),
  );
  return { dialog, onConfirm, onClose };
}

describe('ActionDialog', () => {
  it('runs the action once confirmed, everything disabled while it runs', async () => {
    const running = deferred();
    const { dialog, onConfirm, onClose } = await renderDialog({
      onConfirm: () => running.promise,
    });
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.click(dialog.getByRole('button', { name: 'Scale' }));

    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(dialog.getByRole('button', { name: 'Scale' })).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(dialog.getByLabelText('Replicas')).toBeDisabled();
    await act(async () => running.resolve());
    expect(dialog.getByRole('button', { name: 'Scale' })).toBeEnabled();
    expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
    // Closing on success is the caller's choice.
    expect(onClose).not.toHaveBeenCalled();
  });

  it("shows the backend's message when the action fails, and stays open with what was typed", async () => {
    const { dialog, onClose } = await renderDialog({
      onConfirm: async () => {
        throw await responseError(403, 'Forbidden', {
          name: 'NotAllowedError',
          message: "You may not scale deployments.apps on cluster 'prod'",
        });
      },
    });
    await userEvent.clear(dialog.getByLabelText('Replicas'));
    await userEvent.type(dialog.getByLabelText('Replicas'), '5');
    await userEvent.click(dialog.getByRole('button', { name: 'Scale' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      "You may not scale deployments.apps on cluster 'prod'",
    );
    expect(dialog.getByLabelText('Replicas')).toHaveValue('5');
    expect(dialog.getByRole('button', { name: 'Scale' })).toBeEnabled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('clears the message when the action is tried again', async () => {
    const attempts = [deferred(), deferred()];
    let attempt = 0;
    const { dialog } = await renderDialog({
      onConfirm: () => attempts[attempt++].promise,
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Scale' }));
    await act(async () => attempts[0].reject(new Error('Connection refused')));
    expect(dialog.getByRole('alert')).toHaveTextContent('Connection refused');

    await userEvent.click(dialog.getByRole('button', { name: 'Scale' }));

    expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
    await act(async () => attempts[1].resolve());
  });

  it('sends the form with Enter in a field', async () => {
    const { dialog, onConfirm } = await renderDialog();
    await userEvent.type(dialog.getByLabelText('Replicas'), '{Enter}');
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
  });

  it('runs nothing while the input cannot be sent', async () => {
    const { dialog, onConfirm } = await renderDialog({
      confirmDisabled: true,
    });
    expect(dialog.getByRole('button', { name: 'Scale' })).toBeDisabled();
    await userEvent.type(dialog.getByLabelText('Replicas'), '{Enter}');
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('closes on Cancel without running the action', async () => {
    const { dialog, onConfirm, onClose } = await renderDialog();
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it.each([
    [false, 'MuiButton-containedPrimary'],
    [true, 'MuiButton-containedSecondary'],
  ])(
    'colours the confirm button of a destructive action (%p) apart',
    async (destructive, colour) => {
      const { dialog } = await renderDialog({ destructive });
      expect(dialog.getByRole('button', { name: 'Scale' }).className).toMatch(
        colour,
      );
    },
  );

  it('runs a second action the same way: busy while it runs, its failure shown', async () => {
    const running = deferred();
    const { dialog, onConfirm } = await renderDialog({
      onPreview: () => running.promise,
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Preview' }));

    expect(dialog.getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Scale' })).toBeDisabled();
    await act(async () => running.reject(new Error('Missing metadata.name')));
    expect(dialog.getByRole('alert')).toHaveTextContent(
      'Missing metadata.name',
    );
    expect(dialog.getByRole('button', { name: 'Preview' })).toBeEnabled();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('clears the message once the person edits the input', async () => {
    const { dialog } = await renderDialog({
      onConfirm: async () => {
        throw new Error('Replicas above the quota of the namespace');
      },
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Scale' }));
    expect(await dialog.findByRole('alert')).toBeInTheDocument();

    await userEvent.type(dialog.getByLabelText('Replicas'), '1');

    expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
  });
});
