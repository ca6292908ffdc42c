import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  clusterSubPath,
  objectSubPath,
  SearchHit,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import InputAdornment from '@material-ui/core/InputAdornment';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import SearchIcon from '@material-ui/icons/Search';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useKubernetesPageRoute } from '../../hooks/useKubernetesPageRoute';
import { useSearch } from '../../hooks/useSearch';
import { backendMessage } from '../../lib/backendMessage';
import { HealthDot } from '../RelationsGraph/HealthDot';
import {
  filterWords,
  groupHits,
  QUICK_FILTERS,
  withoutWord,
  withWord,
} from '../../lib/searchQuery';

function hitPath(root: string, hit: SearchHit) {
  return `${root}${clusterSubPath(hit.cluster)}${objectSubPath(hit)}`;
}

/**
 * Search over every cluster: results as a person types, filter chips,
 * results grouped by cluster or kind, arrow keys and Enter to open one.
 * The query and the grouping are in the URL, so a search can be shared.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const by = params.get('group') === 'kind' ? 'kind' : 'cluster';
  const root = useKubernetesPageRoute()();
  const navigate = useNavigate();
  const { value, error, loading } = useSearch(query);
  const [active, setActive] = useState(0);
  const groups = useMemo(() => groupHits(value?.items ?? [], by), [value, by]);
  const ordered = groups.flatMap(g => g.hits);

  const update = (changes: { q?: string; group?: string }) => {
    setActive(0);
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        for (const [key, v] of Object.entries(changes)) {
          if (v) {
            next.set(key, v);
          } else {
            next.delete(key);
          }
        }
        return next;
      },
      { replace: true },
    );
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(i => Math.min(i + 1, Math.max(ordered.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(i => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && ordered[active]) {
      navigate(hitPath(root, ordered[active]));
    }
  };

  const filters = filterWords(query);
  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes search"
        subtitle="Every object of every cluster you may see, by name, kind, namespace, cluster and label"
      />
      <Content>
        <TextField
          fullWidth
          variant="outlined"
          placeholder="checkout kind:deploy ns:shop cluster:prod label:app=web group:prod"
          value={query}
          onChange={e => update({ q: e.target.value })}
          onKeyDown={onKeyDown}
          inputProps={{ 'aria-label': 'Search', role: 'combobox' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          my={1}
          style={{ gap: 8 }}
        >
          {filters.map(word => (
            <Chip
              key={word}
              label={word}
              color="primary"
              size="small"
              onDelete={() => update({ q: withoutWord(query, word) })}
            />
          ))}
          {QUICK_FILTERS.filter(w => !filters.includes(w)).map(word => (
            <Chip
              key={word}
              label={word}
              size="small"
              variant="outlined"
              onClick={() => update({ q: withWord(query, word) })}
            />
          ))}
          <Box flex={1} />
          <ButtonGroup size="small" aria-label="Group results">
            <Button
              variant={by === 'cluster' ? 'contained' : 'outlined'}
              onClick={() => update({ group: undefined })}
            >
              By cluster
            </Button>
            <Button
              variant={by === 'kind' ? 'contained' : 'outlined'}
              onClick={() => update({ group: 'kind' })}
            >
              By kind
            </Button>
          </ButtonGroup>
        </Box>
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel error={error} title={backendMessage(error)} />
        )}
        {!query.trim() && (
          <Typography color="textSecondary">
            Type a name, or filters such as kind:deploy ns:shop.
          </Typography>
        )}
        {value && query.trim() && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="search-summary"
          >
            {value.total === 0
              ? 'Nothing you may see matches.'
              : `${value.total} found${
                  value.total > value.items.length
                    ? `, the best ${value.items.length} shown`
                    : ''
                } (${value.tookMs} ms)`}
          </Typography>
        )}
        <List dense aria-label="Search results">
          {groups.map(group => (
            <li key={group.title}>
              <ul style={{ padding: 0 }}>
                <ListSubheader disableSticky>{group.title}</ListSubheader>
                {group.hits.map(hit => {
                  const index = ordered.indexOf(hit);
                  const where = [
                    by === 'kind' ? hit.cluster : hit.kind,
                    hit.namespace,
                  ]
                    .filter(Boolean)
                    .join(' · ');
                  return (
                    <ListItem
                      key={`${hit.cluster}/${hit.resource}/${hit.namespace}/${hit.name}`}
                      selected={index === active}
                      onMouseEnter={() => setActive(index)}
                      data-testid="search-hit"
                    >
                      <Box mr={1}>
                        <HealthDot health={hit.health} />
                      </Box>
                      <ListItemText
                        primary={
                          <Link to={hitPath(root, hit)}>
                            {hit.kind} {hit.name}
                          </Link>
                        }
                        secondary={[
                          where,
                          hit.status,
                          hit.stale ? 'stale: cluster not connected' : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </ListItem>
                  );
                })}
              </ul>
            </li>
          ))}
        </List>
      </Content>
    </Page>
  );
}
