import { ObjectHealth } from '@k8s-ops/plugin-k8s-ops-common';
import { useTheme } from '@material-ui/core/styles';

/** The colour of a health in the current theme. */
export function useHealthColour(): (health: ObjectHealth) => string {
  const theme = useTheme();
  return health =>
    ({
      ok: theme.palette.success.main,
      warning: theme.palette.warning.main,
      error: theme.palette.error.main,
      unknown: theme.palette.grey[500],
    }[health]);
}

/** A dot in the colour of a health, named for screen readers. */
export function HealthDot(props: { health: ObjectHealth }) {
  const colour = useHealthColour();
  return (
    <span
      role="img"
      aria-label={props.health}
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: '50%',
        background: colour(props.health),
      }}
    />
  );
}
