import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { k8sOpsDeployApiRef } from './K8sOpsDeployApi';
import { K8sOpsDeployClient } from './K8sOpsDeployClient';

/**
 * The one factory of {@link K8sOpsDeployApi}, for both frontend systems.
 */
export const k8sOpsDeployApiFactory = createApiFactory({
  api: k8sOpsDeployApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new K8sOpsDeployClient({ discoveryApi, fetchApi }),
});
