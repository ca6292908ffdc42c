export { k8sOpsApiRef } from './K8sOpsApi';
export type {
  K8sOpsApi,
  LogReadOptions,
  LogTarget,
  TerminalConnection,
  TerminalTarget,
} from './K8sOpsApi';
export { K8sOpsClient } from './K8sOpsClient';
