import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/**
 * The choice of a pod's container, for logs and terminals; with `allLabel`,
 * an empty value stands for every container.
 */
export function ContainerPicker(props: {
  containers: string[];
  value: string;
  onChange: (container: string) => void;
  allLabel?: string;
}) {
  const { containers, value, onChange, allLabel } = props;
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      label="Container"
      style={{ minWidth: 180 }}
      value={value}
      onChange={e => onChange(e.target.value)}
    >
      {allLabel && <MenuItem value="">{allLabel}</MenuItem>}
      {containers.map(c => (
        <MenuItem key={c} value={c}>
          {c}
        </MenuItem>
      ))}
    </TextField>
  );
}
