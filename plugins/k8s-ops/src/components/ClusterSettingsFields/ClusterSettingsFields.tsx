import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import {
  ClusterSettings,
  ClusterSettingsProblems,
} from '../../lib/clusterFields';

/**
 * The fields a cluster is registered and edited with: title, group, labels,
 * read-only and impersonation.
 */
export function ClusterSettingsFields(props: {
  value: ClusterSettings;
  onChange: (value: ClusterSettings) => void;
  problems: ClusterSettingsProblems;
  /** Makes the ids of the fields, which label them, unique on the page. */
  idPrefix: string;
  /** Shown under the title when it is empty. */
  titleHint?: string;
  disabled?: boolean;
}) {
  const { value, onChange, problems, idPrefix, disabled } = props;
  const set = <K extends keyof ClusterSettings>(
    key: K,
    next: ClusterSettings[K],
  ) => onChange({ ...value, [key]: next });

  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        label="Title"
        value={value.title}
        onChange={e => set('title', e.target.value)}
        error={!!problems.title}
        helperText={problems.title ?? props.titleHint}
        disabled={disabled}
        fullWidth
        margin="dense"
      />
      <TextField
        id={`${idPrefix}-group`}
        label="Group"
        value={value.group}
        onChange={e => set('group', e.target.value)}
        error={!!problems.group}
        helperText={
          problems.group ?? 'An environment such as prod, staging or dev'
        }
        disabled={disabled}
        fullWidth
        margin="dense"
      />
      <TextField
        id={`${idPrefix}-labels`}
        label="Labels"
        value={value.labels}
        onChange={e => set('labels', e.target.value)}
        error={!!problems.labels}
        helperText={
          problems.labels ??
          'key=value, one a line or separated by commas, such as team=platform, region=local; used by permission rules and filters'
        }
        disabled={disabled}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={value.readOnly}
            onChange={e => set('readOnly', e.target.checked)}
            disabled={disabled}
          />
        }
        label="Read-only"
      />
      <FormHelperText>Refuse every change on this cluster.</FormHelperText>
      <FormControlLabel
        control={
          <Checkbox
            checked={value.impersonate}
            onChange={e => set('impersonate', e.target.checked)}
            disabled={disabled}
          />
        }
        label="Impersonate"
      />
      <FormHelperText>
        Act on the cluster as the signed-in person (Impersonate-User and
        Impersonate-Group); the kubeconfig's identity needs the right to
        impersonate.
      </FormHelperText>
    </>
  );
}
