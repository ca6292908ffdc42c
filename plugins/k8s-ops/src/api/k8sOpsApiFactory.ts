import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { k8sOpsApiRef } from './K8sOpsApi';
import { K8sOpsClient } from './K8sOpsClient';

/**
 * The one factory of {@link K8sOpsApi}: the legacy plugin lists it in its
 * `apis`, the new frontend system wraps it in an `ApiBlueprint`.
 */
export const k8sOpsApiFactory = createApiFactory({
  api: k8sOpsApiRef,
  deps: {
    discoveryApi: discoveryApiRef,
    fetchApi: fetchApiRef,
    identityApi: identityApiRef,
  },
  factory: ({ discoveryApi, fetchApi, identityApi }) =>
    new K8sOpsClient({ discoveryApi, fetchApi, identityApi }),
});
