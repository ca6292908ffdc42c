import { useApi } from '@backstage/frontend-plugin-api';
import {
  CacheFreshness,
  KubeObject,
  parseLabelSelector,
  ResourceChange,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';
import { followLive } from './followLive';
import {
  appendPage,
  applyListChange,
  listComparator,
  ListOrder,
  ObjectList,
} from '../lib/objectList';

/** Objects per request: large enough to need few, small enough to answer fast. */
export const PAGE_SIZE = 500;

interface State {
  loading: boolean;
  error?: Error;
  list?: ObjectList;
  freshness?: CacheFreshness;
  loadingMore: boolean;
  moreError?: Error;
}

/**
 * Whether an object matches the label selector; undefined when the selector
 * does not parse (the backend's answer to the list says why).
 */
function selectorMatcher(
  labelSelector: string | undefined,
  name: string | undefined,
): ((object: KubeObject) => boolean) | undefined {
  const text = name?.toLowerCase();
  try {
    const matches = parseLabelSelector(labelSelector);
    return object =>
      matches(object.metadata.labels) &&
      (!text || (object.metadata.name ?? '').toLowerCase().includes(text));
  } catch {
    return undefined;
  }
}

/**
 * The objects of one kind on one cluster, a page at a time, kept current by
 * the change stream: changes update the loaded rows in place, so nothing is
 * fetched again and nothing on screen is reset.
 *
 * @param resource - `resource.group` of the kind (`pods`, `deployments.apps`).
 */
export function useResourceList(
  options: {
    cluster: string;
    resource?: string;
    namespace?: string;
    labelSelector?: string;
    /** Only objects whose name holds this text; the backend filters. */
    name?: string;
  } & ListOrder,
) {
  const { cluster, resource, namespace, labelSelector, name } = options;
  const { sortBy, order } = options;
  const api = useApi(k8sOpsApiRef);
  const [state, setState] = useState<State>({
    loading: Boolean(resource),
    loadingMore: false,
  });
  // Counts the loads of a first page, so that a late further page of an
  // earlier load is not appended to a newer one.
  const generation = useRef(0);

  useEffect(() => {
    generation.current++;
    if (!resource) {
      setState({ loading: false, loadingMore: false });
      return undefined;
    }
    // The rows shown stay while another order or filter loads, so that the
    // table keeps its place; the owner shows that a load is under way.
    setState(s => ({
      loading: true,
      loadingMore: false,
      list: s.list,
      freshness: s.freshness,
    }));
    const matches = selectorMatcher(labelSelector, name);
    const compare = listComparator({ sortBy, order });
    const fold = (list: ObjectList, change: ResourceChange) =>
      change.cluster === cluster && change.resource === resource
        ? applyListChange(list, change, matches, compare)
        : list;
    return followLive<{ list: ObjectList; freshness: CacheFreshness }>({
      api,
      // A selector the backend refuses for the list, it refuses for the
      // stream too: only the list is asked for then, to show why.
      changes: matches
        ? {
            resources: [resource],
            clusters: [cluster],
            namespace,
            labelSelector,
          }
        : undefined,
      load: async () => {
        generation.current++;
        const page = await api.listResources(cluster, resource, {
          namespace,
          labelSelector,
          name,
          sortBy,
          order,
          limit: PAGE_SIZE,
          // A row opened reads its whole object.
          view: 'summary',
        });
        return {
          list: {
            items: page.items,
            total: page.total,
            continue: page.continue,
          },
          freshness: page.freshness,
        };
      },
      fold: (value, change) => ({ ...value, list: fold(value.list, change) }),
      onValue: ({ list, freshness }) =>
        setState({ loading: false, loadingMore: false, list, freshness }),
      onChange: change =>
        setState(s => {
          if (!s.list) return s;
          const list = fold(s.list, change);
          return list === s.list ? s : { ...s, list };
        }),
      onError: error =>
        setState(s => ({ ...s, loading: false, loadingMore: false, error })),
    });
  }, [api, cluster, resource, namespace, labelSelector, name, sortBy, order]);

  const loadMore = useCallback(() => {
    const from = state.list?.continue;
    if (!resource || !from || state.loadingMore) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loadingMore: true, moreError: undefined }));
    api
      .listResources(cluster, resource, {
        namespace,
        labelSelector,
        name,
        sortBy,
        order,
        limit: PAGE_SIZE,
        view: 'summary',
        continue: from,
      })
      .then(page => {
        if (current !== generation.current) return;
        setState(s => ({
          ...s,
          loadingMore: false,
          list: s.list ? appendPage(s.list, page) : s.list,
          freshness: page.freshness,
        }));
      })
      .catch(moreError => {
        if (current !== generation.current) return;
        setState(s => ({ ...s, loadingMore: false, moreError }));
      });
  }, [
    api,
    cluster,
    resource,
    namespace,
    labelSelector,
    name,
    sortBy,
    order,
    state.list?.continue,
    state.loadingMore,
  ]);

  return { ...state, loadMore };
}
