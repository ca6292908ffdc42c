import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { K8sOpsClusterPicker } from './K8sOpsClusterPicker';
import { K8sOpsNamespacePicker } from './K8sOpsNamespacePicker';

/** The cluster picker as a field of the new frontend system's scaffolder. */
export const clusterPickerFormField = createFormField({
  name: 'K8sOpsClusterPicker',
  component: K8sOpsClusterPicker,
});

/** The namespace picker as a field of the new frontend system's scaffolder. */
export const namespacePickerFormField = createFormField({
  name: 'K8sOpsNamespacePicker',
  component: K8sOpsNamespacePicker as never,
});
