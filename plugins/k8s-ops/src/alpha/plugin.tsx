import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import HistoryIcon from '@material-ui/icons/History';
import { k8sOpsApiFactory } from '../api/k8sOpsApiFactory';
import { k8sOpsDeployApiFactory } from '../api/k8sOpsDeployApiFactory';
import { isK8sOpsAvailable } from '../isK8sOpsAvailable';
// The same route ref in both frontend systems, so that shared components
// link to the Kubernetes page with `useRouteRef` wherever it is mounted.
import { auditRouteRef, rootRouteRef } from '../routes';

const k8sOpsApi = ApiBlueprint.make({
  params: defineParams => defineParams(k8sOpsApiFactory),
});

const k8sOpsDeployApi = ApiBlueprint.make({
  name: 'deploy',
  params: defineParams => defineParams(k8sOpsDeployApiFactory),
});

const clusterPickerField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () =>
      import('../components/ScaffolderFields/formFields').then(
        m => m.clusterPickerFormField,
      ),
  },
});

const namespacePickerField = FormFieldBlueprint.make({
  name: 'namespace-picker',
  params: {
    field: () =>
      import('../components/ScaffolderFields/formFields').then(
        m => m.namespacePickerFormField,
      ),
  },
});

const k8sOpsPage = PageBlueprint.make({
  params: {
    path: '/k8s-ops',
    title: 'Kubernetes',
    icon: <CloudIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/K8sOpsPage').then(m => <m.K8sOpsPage />),
  },
});

const k8sOpsAuditPage = PageBlueprint.make({
  name: 'audit',
  params: {
    path: '/k8s-ops-audit',
    title: 'Kubernetes audit',
    icon: <HistoryIcon />,
    routeRef: auditRouteRef,
    loader: () => import('../components/AuditPage').then(m => <m.AuditPage />),
  },
});

const entityK8sOpsContent = EntityContentBlueprint.make({
  params: {
    path: '/k8s-ops',
    title: 'Kubernetes',
    filter: isK8sOpsAvailable,
    loader: () =>
      import('../components/EntityK8sOpsContent').then(m => (
        <m.EntityK8sOpsContent />
      )),
  },
});

const entityK8sOpsOverviewCard = EntityCardBlueprint.make({
  params: {
    filter: isK8sOpsAvailable,
    loader: () =>
      import('../components/EntityK8sOpsOverviewCard').then(m => (
        <m.EntityK8sOpsOverviewCard />
      )),
  },
});

/**
 * The k8s-ops plugin for the new frontend system: its API, the Kubernetes
 * page (with its nav item), and the Kubernetes tab and overview card of
 * catalog entities.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'k8s-ops',
  title: 'Kubernetes',
  icon: <CloudIcon />,
  routes: { root: rootRouteRef, audit: auditRouteRef },
  extensions: [
    k8sOpsApi,
    k8sOpsDeployApi,
    clusterPickerField,
    namespacePickerField,
    k8sOpsPage,
    k8sOpsAuditPage,
    entityK8sOpsContent,
    entityK8sOpsOverviewCard,
  ],
});
