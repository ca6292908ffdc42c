export { K8sOpsPage } from './K8sOpsPage';
