import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useKubernetesPageRoute } from '../../hooks/useKubernetesPageRoute';

/**
 * A search box that opens the search page with what was typed; `scope`
 * (such as `cluster:prod`) is added to the query.
 */
export function SearchBox(props: { scope?: string; placeholder?: string }) {
  const { scope, placeholder = 'Search every cluster' } = props;
  const root = useKubernetesPageRoute();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  return (
    <TextField
      size="small"
      variant="outlined"
      placeholder={placeholder}
      value={text}
      inputProps={{ 'aria-label': placeholder }}
      onChange={e => setText(e.target.value)}
      onKeyDown={e => {
        if (e.key === 'Enter' && text.trim()) {
          const q = [scope, text.trim()].filter(Boolean).join(' ');
          navigate(`${root()}/search?q=${encodeURIComponent(q)}`);
        }
      }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
      }}
    />
  );
}
