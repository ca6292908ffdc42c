import { AppliedManifest } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { DiffView } from '../ApplyYamlDialog/ApplyYamlDialog';

function change(manifest: AppliedManifest): string {
  if (manifest.created) return 'creates';
  if (manifest.diff) return 'changes';
  // A Secret's diff is never shown: it would show its values.
  return manifest.kind === 'Secret' ? 'applies (values hidden)' : 'unchanged';
}

/** The manifests of a set applied together, each with its diff. */
export function ManifestPreview(props: {
  manifests: AppliedManifest[];
  /** Set when the input changed after this preview. */
  stale?: boolean;
}) {
  return (
    <Box mt={2} data-testid="manifest-preview">
      <Typography variant="subtitle2">
        {props.stale
          ? 'Preview (the form changed since: preview it again)'
          : 'Preview'}
      </Typography>
      {props.manifests.map(manifest => (
        <Box
          key={`${manifest.kind}/${manifest.namespace ?? ''}/${manifest.name}`}
          mt={1}
        >
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="body2">
              <strong>{manifest.kind}</strong>{' '}
              {manifest.namespace ? `${manifest.namespace}/` : ''}
              {manifest.name}
            </Typography>
            <Chip size="small" label={change(manifest)} />
          </Box>
          {manifest.diff && <DiffView diff={manifest.diff} />}
        </Box>
      ))}
    </Box>
  );
}
