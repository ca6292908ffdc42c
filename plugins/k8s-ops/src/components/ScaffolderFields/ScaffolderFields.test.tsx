import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { k8sOpsDeployApiRef } from '../../api/K8sOpsDeployApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { fakeK8sOpsDeployApi } from '../../__testUtils__/fakeK8sOpsDeployApi';
import { K8sOpsClusterPicker } from './K8sOpsClusterPicker';
import { K8sOpsNamespacePicker } from './K8sOpsNamespacePicker';

const fieldProps = (extra: object) =>
  ({
    schema: {},
    uiSchema: {},
    idSchema: { $id: 'root_field' },
    onBlur: () => {},
    onFocus: () => {},
    required: true,
    rawErrors: [],
    ...extra,
  } as any);

// A form of the scaffolder renders slowly on a loaded machine.
jest.setTimeout(60_000);

describe('template fields', () => {
  it('the cluster picker offers only the clusters the person may deploy to', async () => {
    const onChange = jest.fn();
    const deployApi = fakeK8sOpsDeployApi({
      listDeployTargets: jest.fn(async () => [
        { name: 'dev', title: 'Local dev' } as any,
      ]),
    });
    await renderInTestApp(
      <K8sOpsClusterPicker
        {...fieldProps({ onChange, schema: { title: 'Cluster' } })}
      />,
      { apis: [[k8sOpsDeployApiRef, deployApi]] },
    );
    expect(
      await screen.findByRole(
        'option',
        { name: 'Local dev (dev)' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Pick a cluster',
      'Local dev (dev)',
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Cluster'), 'dev');
    expect(onChange).toHaveBeenLastCalledWith('dev');
  });

  it('the cluster picker says when the person may deploy nowhere', async () => {
    await renderInTestApp(
      <K8sOpsClusterPicker {...fieldProps({ onChange: jest.fn() })} />,
      { apis: [[k8sOpsDeployApiRef, fakeK8sOpsDeployApi()]] },
    );
    expect(
      await screen.findByText('You may not deploy to any cluster'),
    ).toBeInTheDocument();
  });

  it('the namespace picker suggests the namespaces of the chosen cluster and checks a new name', async () => {
    const api = fakeK8sOpsApi({
      listResources: jest.fn(async () => ({
        items: [
          { metadata: { name: 'team-shop' } },
          { metadata: { name: 'team-data' } },
        ],
      })) as any,
    });
    await renderInTestApp(
      <K8sOpsNamespacePicker
        {...fieldProps({
          onChange: jest.fn(),
          formData: 'Bad_Name',
          schema: { title: 'Namespace' },
          formContext: { formData: { cluster: 'dev' } },
        })}
      />,
      { apis: [[k8sOpsApiRef, api]] },
    );
    await waitFor(() =>
      expect(api.listResources).toHaveBeenCalledWith('dev', 'namespaces', {
        limit: 10_000,
      }),
    );
    expect(
      await screen.findByText(/^The namespace must be a lowercase DNS label/),
    ).toBeInTheDocument();
    const options = document.querySelectorAll('datalist option');
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('datalist option')].map(o =>
          o.getAttribute('value'),
        ),
      ).toEqual(['team-data', 'team-shop']),
    );
    expect(options).toBeDefined();
  });
});
