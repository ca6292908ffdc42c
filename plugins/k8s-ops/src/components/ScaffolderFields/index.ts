export { K8sOpsClusterPicker } from './K8sOpsClusterPicker';
export { K8sOpsNamespacePicker } from './K8sOpsNamespacePicker';
export type { K8sOpsNamespacePickerOptions } from './K8sOpsNamespacePicker';
