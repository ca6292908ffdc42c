import {
  apiVersionOf,
  KindDescriptor,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { filterKindGroups, KindGroup } from '../../lib/kindGroups';

const useStyles = makeStyles(theme => ({
  search: { padding: theme.spacing(1, 2) },
  list: { maxHeight: '70vh', overflowY: 'auto' },
  subheader: { background: theme.palette.background.paper, lineHeight: '32px' },
}));

/** The kinds a cluster serves, grouped, with a box to find one. */
export function KindList(props: {
  groups: KindGroup[];
  selected?: KindDescriptor;
  onSelect: (kind: KindDescriptor) => void;
}) {
  const { groups, selected, onSelect } = props;
  const classes = useStyles();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterKindGroups(groups, query), [groups, query]);
  const selectedName = selected && resourceNameOf(selected);

  return (
    <Paper>
      <div className={classes.search}>
        <TextField
          fullWidth
          margin="dense"
          label="Find a kind"
          placeholder="Deployment, deploy, clonesets..."
          value={query}
          onChange={e => setQuery(e.target.value)}
          inputProps={{ 'aria-label': 'Find a kind' }}
        />
      </div>
      <List dense className={classes.list} data-testid="kind-list">
        {shown.map(group => (
          <li key={group.id} data-testid={`kind-group-${group.id}`}>
            <ul style={{ padding: 0 }}>
              <ListSubheader className={classes.subheader}>
                {group.title}
              </ListSubheader>
              {group.kinds.map(kind => {
                const name = resourceNameOf(kind);
                return (
                  <ListItem
                    key={name}
                    button
                    selected={name === selectedName}
                    onClick={() => onSelect(kind)}
                    data-testid={`kind-${name}`}
                  >
                    <ListItemText
                      primary={kind.kind}
                      secondary={apiVersionOf(kind)}
                    />
                  </ListItem>
                );
              })}
            </ul>
          </li>
        ))}
        {shown.length === 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ padding: 16 }}
          >
            No kind matches '{query}'.
          </Typography>
        )}
      </List>
    </Paper>
  );
}
