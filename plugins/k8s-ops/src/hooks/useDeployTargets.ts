import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsDeployApiRef } from '../api/K8sOpsDeployApi';

/** The clusters the person may deploy to. */
export function useDeployTargets() {
  const api = useApi(k8sOpsDeployApiRef);
  return useAsync(() => api.listDeployTargets(), [api]);
}
