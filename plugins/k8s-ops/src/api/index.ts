export { k8sOpsApiRef } from './K8sOpsApi';
export type {
  K8sOpsApi,
  LogReadOptions,
  LogTarget,
  TerminalConnection,
  TerminalTarget,
} from './K8sOpsApi';
export { K8sOpsClient } from './K8sOpsClient';
export { k8sOpsDeployApiRef } from './K8sOpsDeployApi';
export type { K8sOpsDeployApi, JobKey } from './K8sOpsDeployApi';
export { K8sOpsDeployClient } from './K8sOpsDeployClient';
