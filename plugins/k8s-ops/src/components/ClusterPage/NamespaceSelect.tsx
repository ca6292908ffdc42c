import TextField from '@material-ui/core/TextField';
import { useMemo } from 'react';

/** Picks one namespace, or all of them. */
export function NamespaceSelect(props: {
  namespaces: string[];
  value?: string;
  onChange: (namespace: string | undefined) => void;
  disabled?: boolean;
  helperText?: string;
}) {
  const { value, namespaces } = props;
  // The chosen namespace stays an option when the list lacks it: a person
  // who may not list namespaces, or a link to one not made yet.
  const options = useMemo(
    () =>
      [...new Set([...namespaces, ...(value ? [value] : [])])].sort((a, b) =>
        a.localeCompare(b),
      ),
    [namespaces, value],
  );
  return (
    <TextField
      select
      label="Namespace"
      margin="dense"
      variant="outlined"
      style={{ minWidth: 220 }}
      value={value ?? ''}
      disabled={props.disabled}
      helperText={props.helperText}
      onChange={e => props.onChange(e.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      inputProps={{ 'aria-label': 'Namespace', id: 'k8s-ops-namespace' }}
    >
      <option value="">All namespaces</option>
      {options.map(namespace => (
        <option key={namespace} value={namespace}>
          {namespace}
        </option>
      ))}
    </TextField>
  );
}
