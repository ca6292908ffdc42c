export { EntityK8sOpsContent } from './EntityK8sOpsContent';
