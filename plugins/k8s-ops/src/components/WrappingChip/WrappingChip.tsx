import { forwardRef } from 'react';
import Chip, { ChipProps } from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // As tall as its text needs: a long message wraps onto more lines
  // instead of stretching its table or being cut off with an ellipsis.
  root: {
    height: 'auto',
    maxWidth: '100%',
    '& > span': {
      whiteSpace: 'normal',
      overflowWrap: 'normal',
      wordBreak: 'normal',
      padding: theme.spacing(0.25, 1),
    },
  },
}));

/**
 * A small chip whose label wraps rather than overflowing. It passes its
 * ref on, so that a tooltip can hold it.
 */
export const WrappingChip = forwardRef<HTMLDivElement, Omit<ChipProps, 'size'>>(
  function WrappingChipWithRef(props, ref) {
    const classes = useStyles();
    return (
      <Chip
        {...props}
        ref={ref}
        size="small"
        className={[classes.root, props.className].filter(Boolean).join(' ')}
      />
    );
  },
);
