import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef, LogReadOptions, LogTarget } from '../api/K8sOpsApi';

/** The most lines kept while following; older ones leave from the top. */
const MAX_LINES = 100_000;

/** What the viewer shows: the last lines, and how reading them went. */
export interface LogsState {
  text: string;
  loading: boolean;
  /** Following has ended: the container stopped. */
  ended: boolean;
  error?: Error;
}

/**
 * The logs of a pod or workload: read once, or followed as they come (the
 * text grows, keeping the last {@link MAX_LINES} lines).
 */
export function useLogs(
  target: LogTarget,
  options: LogReadOptions & { follow: boolean },
): LogsState {
  const api = useApi(k8sOpsApiRef);
  const [state, setState] = useState<LogsState>({
    text: '',
    loading: true,
    ended: false,
  });
  const { cluster, namespace, resource, name } = target;
  const { follow, container, previous, timestamps, tailLines } = options;

  useEffect(() => {
    const logTarget = { cluster, namespace, resource, name };
    const read = { container, previous, timestamps, tailLines };
    setState({ text: '', loading: true, ended: false });
    if (!follow) {
      let current = true;
      api.getLogs(logTarget, read).then(
        text => current && setState({ text, loading: false, ended: false }),
        error =>
          current &&
          setState({ text: '', loading: false, ended: false, error }),
      );
      return () => {
        current = false;
      };
    }
    return api.followLogs(
      logTarget,
      read,
      piece =>
        setState(s => ({
          ...s,
          loading: false,
          text: keepLast(s.text + piece, MAX_LINES),
        })),
      {
        onEnd: () => setState(s => ({ ...s, loading: false, ended: true })),
        onError: error => setState(s => ({ ...s, loading: false, error })),
      },
    );
  }, [
    api,
    cluster,
    namespace,
    resource,
    name,
    follow,
    container,
    previous,
    timestamps,
    tailLines,
  ]);
  return state;
}

/** The text without its first lines, so that at most `max` lines stay. */
export function keepLast(text: string, max: number): string {
  let cut = text.length;
  for (let lines = 0; lines <= max; lines++) {
    cut = text.lastIndexOf('\n', cut - 1);
    if (cut < 0) {
      return text;
    }
  }
  return text.slice(cut + 1);
}
