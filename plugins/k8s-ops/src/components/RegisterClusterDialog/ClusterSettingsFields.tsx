import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import { dnsLabelProblem, parseLabels } from './clusterFields';

/** What a person sets about a cluster, as typed. */
export interface ClusterSettings {
  title: string;
  /** Empty for no group. */
  group: string;
  /** `key=value` lines. */
  labels: string;
  readOnly: boolean;
  impersonate: boolean;
}

/** Why fields of {@link ClusterSettings} are refused, by field. */
export interface ClusterSettingsProblems {
  title?: string;
  group?: string;
  labels?: string;
}

/** Checks settings against the backend's rules. */
export function clusterSettingsProblems(
  settings: ClusterSettings,
  options: { titleRequired: boolean },
): ClusterSettingsProblems {
  const problems: ClusterSettingsProblems = {};
  const title = settings.title.trim();
  if (!title && options.titleRequired) {
    problems.title = 'A cluster needs a title';
  } else if (title.length > 255) {
    problems.title = 'At most 255 characters';
  }
  const group = settings.group.trim();
  if (group) {
    problems.group = dnsLabelProblem(group);
  }
  problems.labels = parseLabels(settings.labels).problem;
  return problems;
}

/** Whether {@link clusterSettingsProblems} found nothing. */
export function hasProblems(problems: ClusterSettingsProblems): boolean {
  return Object.values(problems).some(Boolean);
}

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
          'One key=value a line, such as team=platform; used by permission rules and filters'
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
