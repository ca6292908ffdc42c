import FormControl from '@material-ui/core/FormControl';
import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useDeployTargets } from '../../hooks/useDeployTargets';
import { targetsHelp } from '../../lib/deployTargets';

/**
 * A template field that picks a cluster among those the person may deploy
 * to; the value is the cluster's name.
 */
export function K8sOpsClusterPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const targets = useDeployTargets();
  const items = targets.value ?? [];
  const helper = targetsHelp(targets) ?? schema.description;
  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length || targets.error)}
      fullWidth
    >
      <TextField
        select
        id={idSchema?.$id}
        label={schema.title ?? 'Cluster'}
        required={required}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value || undefined)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': schema.title ?? 'Cluster' }}
        helperText={helper}
        error={Boolean(targets.error)}
        disabled={targets.loading}
      >
        <option value="">
          {targets.loading ? 'Loading clusters…' : 'Pick a cluster'}
        </option>
        {items.map(c => (
          <option key={c.name} value={c.name}>
            {c.title && c.title !== c.name ? `${c.title} (${c.name})` : c.name}
          </option>
        ))}
      </TextField>
    </FormControl>
  );
}
