import { useApi } from '@backstage/frontend-plugin-api';
import { SearchResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useRef, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

const DEBOUNCE_MS = 200;

/**
 * Searches as a person types: waits until typing pauses, and keeps only
 * the answer to the latest query, so that a slow answer to an older one
 * never replaces a newer one.
 */
export function useSearch(query: string, limit = 50) {
  const api = useApi(k8sOpsApiRef);
  const latest = useRef(0);
  const [state, setState] = useState<{
    value?: SearchResponse;
    error?: Error;
    loading: boolean;
  }>({ loading: false });
  useEffect(() => {
    const id = ++latest.current;
    if (!query.trim()) {
      setState({ loading: false });
      return undefined;
    }
    setState(s => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api.search({ q: query, limit }).then(
        value => {
          if (id === latest.current) {
            setState({ value, loading: false });
          }
        },
        error => {
          if (id === latest.current) {
            setState({ error, loading: false });
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, query, limit]);
  return state;
}
