import FormControl from '@material-ui/core/FormControl';
import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { dnsLabelProblem } from '@k8s-ops/plugin-k8s-ops-common';
import { useNamespaceNames } from '../../hooks/useNamespaceNames';
import { backendMessage } from '../../lib/backendMessage';

/** Options of {@link K8sOpsNamespacePicker}. */
export interface K8sOpsNamespacePickerOptions {
  /** The form field holding the cluster; `cluster` unless given. */
  clusterField?: string;
}

/**
 * A template field that picks a namespace of the cluster chosen in another
 * field, or takes a new name (a deploy makes the namespace).
 */
export function K8sOpsNamespacePicker(
  props: FieldExtensionComponentProps<string, K8sOpsNamespacePickerOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    uiSchema,
    formContext,
    idSchema,
  } = props;
  const listId = `${idSchema?.$id ?? 'k8s-ops-namespace'}-options`;
  const clusterField = uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const cluster = (
    formContext?.formData as Record<string, unknown> | undefined
  )?.[clusterField] as string | undefined;
  const namespaces = useNamespaceNames(cluster);
  const problem = formData ? dnsLabelProblem(formData) : undefined;
  let helper =
    schema.description ?? 'An existing namespace, or a new one to make';
  if (!cluster) {
    helper = 'Pick a cluster first';
  } else if (namespaces.error) {
    helper = backendMessage(namespaces.error);
  } else if (problem) {
    helper = `The namespace ${problem}`;
  }
  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length || problem)}
      fullWidth
    >
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'Namespace'}
        required={required}
        value={formData ?? ''}
        disabled={!cluster}
        onChange={e => onChange(e.target.value || undefined)}
        helperText={helper}
        error={Boolean(problem)}
        InputLabelProps={{ shrink: true }}
        // A list of suggestions that still takes a new name.
        inputProps={{ list: listId, 'aria-label': schema.title ?? 'Namespace' }}
      />
      <datalist id={listId}>
        {(namespaces.value ?? []).map(ns => (
          <option key={ns} value={ns} />
        ))}
      </datalist>
    </FormControl>
  );
}
