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
import SearchIcon from '@material-ui/icons/Search';
import SettingsEthernetIcon from '@material-ui/icons/SettingsEthernet';
import StorageIcon from '@material-ui/icons/Storage';
import { k8sOpsApiFactory } from '../api/k8sOpsApiFactory';
import { k8sOpsDeployApiFactory } from '../api/k8sOpsDeployApiFactory';
import { isK8sOpsAvailable } from '../isK8sOpsAvailable';
// The same route ref in both frontend systems, so that shared components
// link to the Kubernetes page with `useRouteRef` wherever it is mounted.
import {
  auditRouteRef,
  infrastructureRouteRef,
  portForwardsRouteRef,
  rootRouteRef,
  searchRouteRef,
} from '../routes';

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

const k8sOpsSearchPage = PageBlueprint.make({
  name: 'search',
  params: {
    path: '/k8s-ops/search',
    title: 'Kubernetes search',
    icon: <SearchIcon />,
    routeRef: searchRouteRef,
    loader: () =>
      import('../components/SearchPage').then(m => <m.SearchPage />),
  },
});

const k8sOpsPortForwardsPage = PageBlueprint.make({
  name: 'port-forwards',
  params: {
    path: '/k8s-ops-port-forwards',
    title: 'Port-forwards',
    icon: <SettingsEthernetIcon />,
    routeRef: portForwardsRouteRef,
    loader: () =>
      import('../components/PortForwardsPage').then(m => (
        <m.PortForwardsPage />
      )),
  },
});

const k8sOpsInfrastructurePage = PageBlueprint.make({
  name: 'infrastructure',
  params: {
    path: '/k8s-ops/infrastructure',
    title: 'Infrastructure',
    icon: <StorageIcon />,
    routeRef: infrastructureRouteRef,
    loader: () =>
      import('../components/InfrastructurePage').then(m => (
        <m.InfrastructurePage />
      )),
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
 * page (with its nav item), the infrastructure page, and the Kubernetes tab and overview card of
 * catalog entities.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'k8s-ops',
  title: 'Kubernetes',
  icon: <CloudIcon />,
  routes: {
    root: rootRouteRef,
    audit: auditRouteRef,
    search: searchRouteRef,
    portForwards: portForwardsRouteRef,
    infrastructure: infrastructureRouteRef,
  },
  extensions: [
    k8sOpsApi,
    k8sOpsDeployApi,
    clusterPickerField,
    namespacePickerField,
    k8sOpsPage,
    k8sOpsAuditPage,
    k8sOpsSearchPage,
    k8sOpsPortForwardsPage,
    k8sOpsInfrastructurePage,
    entityK8sOpsContent,
    entityK8sOpsOverviewCard,
  ],
});
