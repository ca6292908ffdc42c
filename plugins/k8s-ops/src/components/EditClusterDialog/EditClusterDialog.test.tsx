import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { EditClusterDialog } from './EditClusterDialog';

const cluster: ClusterSummary = {
  name: 'team-a',
  title: 'Team A',
  source: 'registered',
  url: 'https://team-a.example.com:6443',
  group: 'dev',
  labels: { team: 'a' },
  readOnly: false,
  impersonate: false,
};

async function renderDialog(overrides: Partial<K8sOpsApi> = {}) {
  const api = fakeK8sOpsApi({
    updateCluster: async (_name, changes) => ({
      ...cluster,
      ...changes,
      group:
        changes.group === null ? undefined : changes.group ?? cluster.group,
    }),
    ...overrides,
  });
  const onSaved = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <EditClusterDialog
      open
      cluster={cluster}
      onClose={onClose}
      onSaved={onSaved}
    />,
    { apis: [[k8sOpsApiRef, api]] },
  );
  const dialog = within(
    screen.getByRole('dialog', { name: 'Edit cluster team-a' }),
  );
  return { api, onSaved, onClose, dialog };
}

describe('EditClusterDialog', () => {
  it('starts from the cluster as it is, with nothing to save yet', async () => {
    const { dialog } = await renderDialog();
    expect(dialog.getByLabelText('Title')).toHaveValue('Team A');
    expect(dialog.getByLabelText('Group')).toHaveValue('dev');
    expect(dialog.getByLabelText('Labels')).toHaveValue('team=a');
    expect(dialog.getByLabelText('Read-only')).not.toBeChecked();
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('sends only the fields that changed', async () => {
    const { api, dialog, onSaved } = await renderDialog();
    await userEvent.clear(dialog.getByLabelText('Title'));
    await userEvent.type(dialog.getByLabelText('Title'), 'Team A prod');
    await userEvent.type(dialog.getByLabelText('Labels'), '{Enter}tier=1');
    await userEvent.click(dialog.getByLabelText('Read-only'));
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(api.updateCluster).toHaveBeenCalledWith('team-a', {
      title: 'Team A prod',
      labels: { team: 'a', tier: '1' },
      readOnly: true,
    });
    await waitFor(() =>
      expect(onSaved).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'Team A prod', readOnly: true }),
      ),
    );
  });

  it('removes the group when it is emptied', async () => {
    const { api, dialog } = await renderDialog();
    await userEvent.clear(dialog.getByLabelText('Group'));
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(api.updateCluster).toHaveBeenCalledWith('team-a', { group: null });
  });

  it('refuses an empty title without asking the backend', async () => {
    const { api, dialog } = await renderDialog();
    await userEvent.clear(dialog.getByLabelText('Title'));

    expect(dialog.getByText('A cluster needs a title')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(api.updateCluster).not.toHaveBeenCalled();
  });

  it("shows the backend's refusal and stays open", async () => {
    const { dialog, onSaved } = await renderDialog({
      updateCluster: async () => {
        throw await responseError(400, 'Bad Request', {
          name: 'InputError',
          message:
            'Invalid request: labels.Team_: label names are like team or example.com/team',
        });
      },
    });
    await userEvent.click(dialog.getByLabelText('Impersonate'));
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Invalid request: labels.Team_: label names are like team or example.com/team',
    );
    expect(
      screen.getByRole('dialog', { name: 'Edit cluster team-a' }),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
