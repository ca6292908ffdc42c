import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { EntityK8sOpsContent } from './EntityK8sOpsContent';

const api: K8sOpsApi = {
  getHealth: async () => ({ status: 'ok', version: '0.1.0', clusters: 1 }),
  listClusters: async () => ({
    items: [
      {
        name: 'staging',
        title: 'Local staging',
        source: 'config',
        url: 'https://127.0.0.1:6443',
        labels: {},
        readOnly: false,
        impersonate: false,
      },
    ],
  }),
  queryAudit: async () => ({ items: [] }),
};

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront', annotations },
    spec: {},
  };
}

describe('EntityK8sOpsContent', () => {
  it("names the entity's selector, namespace and the clusters searched", async () => {
    await renderInTestApp(
      <EntityProvider
        entity={entity({
          'backstage.io/kubernetes-id': 'storefront',
          'backstage.io/kubernetes-namespace': 'team-shop',
        })}
      >
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    expect(await screen.findByText('Local staging')).toBeInTheDocument();
    expect(screen.getByTestId('k8s-ops-entity-selector')).toHaveTextContent(
      'Objects labelled backstage.io/kubernetes-id=storefront in namespace team-shop, across every cluster.',
    );
  });

  it('uses a label selector annotation as it is, in every namespace', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={entity({
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=orders-db',
        })}
      >
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    expect(
      await screen.findByTestId('k8s-ops-entity-selector'),
    ).toHaveTextContent(
      'Objects labelled app.kubernetes.io/name=orders-db in every namespace',
    );
  });
});
