import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { k8sOpsApiFactory } from './api/k8sOpsApiFactory';
import { k8sOpsDeployApiFactory } from './api/k8sOpsDeployApiFactory';
import {
  K8sOpsClusterPicker,
  K8sOpsNamespacePicker,
} from './components/ScaffolderFields';
import {
  auditRouteRef,
  portForwardsRouteRef,
  rootRouteRef,
  searchRouteRef,
} from './routes';

/**
 * The k8s-ops plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const k8sOpsPlugin = createPlugin({
  id: 'k8s-ops',
  apis: [k8sOpsApiFactory, k8sOpsDeployApiFactory],
  routes: {
    root: rootRouteRef,
    audit: auditRouteRef,
    search: searchRouteRef,
    portForwards: portForwardsRouteRef,
  },
});

/**
 * The platform team's Kubernetes page.
 *
 * @public
 */
export const K8sOpsPage = k8sOpsPlugin.provide(
  createRoutableExtension({
    name: 'K8sOpsPage',
    component: () => import('./components/K8sOpsPage').then(m => m.K8sOpsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The audit trail of k8s-ops.
 *
 * @public
 */
export const K8sOpsAuditPage = k8sOpsPlugin.provide(
  createRoutableExtension({
    name: 'K8sOpsAuditPage',
    component: () => import('./components/AuditPage').then(m => m.AuditPage),
    mountPoint: auditRouteRef,
  }),
);

/**
 * Search over every cluster; also served under the Kubernetes page at
 * `search`.
 *
 * @public
 */
export const K8sOpsSearchPage = k8sOpsPlugin.provide(
  createRoutableExtension({
    name: 'K8sOpsSearchPage',
    component: () => import('./components/SearchPage').then(m => m.SearchPage),
    mountPoint: searchRouteRef,
  }),
);

/**
 * The port-forwards of the person, and everyone's for admins.
 *
 * @public
 */
export const K8sOpsPortForwardsPage = k8sOpsPlugin.provide(
  createRoutableExtension({
    name: 'K8sOpsPortForwardsPage',
    component: () =>
      import('./components/PortForwardsPage').then(m => m.PortForwardsPage),
    mountPoint: portForwardsRouteRef,
  }),
);

/**
 * The Kubernetes tab of a catalog entity.
 *
 * @public
 */
export const EntityK8sOpsContent = k8sOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityK8sOpsContent',
    component: {
      lazy: () =>
        import('./components/EntityK8sOpsContent').then(
          m => m.EntityK8sOpsContent,
        ),
    },
  }),
);

/**
 * The overview card of a catalog entity: health and problems per cluster.
 *
 * @public
 */
export const EntityK8sOpsOverviewCard = k8sOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityK8sOpsOverviewCard',
    component: {
      lazy: () =>
        import('./components/EntityK8sOpsOverviewCard').then(
          m => m.EntityK8sOpsOverviewCard,
        ),
    },
  }),
);

/**
 * A template field that picks a cluster the person may deploy to
 * (`ui:field: K8sOpsClusterPicker`); add it under `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const K8sOpsClusterPickerFieldExtension = k8sOpsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'K8sOpsClusterPicker',
    component: K8sOpsClusterPicker,
  }),
);

/**
 * A template field that picks a namespace of the chosen cluster
 * (`ui:field: K8sOpsNamespacePicker`, `ui:options.clusterField`).
 *
 * @public
 */
export const K8sOpsNamespacePickerFieldExtension = k8sOpsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'K8sOpsNamespacePicker',
    component: K8sOpsNamespacePicker,
  }),
);
