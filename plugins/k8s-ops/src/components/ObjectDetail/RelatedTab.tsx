import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  K8sOpsObjectRef,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { age } from '../../lib/format';
import { backendMessage } from '../../lib/backendMessage';
import { extraColumns } from '../../lib/extraColumns';
import {
  childKinds,
  narrowingSelector,
  ownedBy,
  ownersOf,
  refOf,
} from '../../lib/relatedObjects';

// Enough for any controller's children; the backend serves it from its cache.
const CHILD_LIMIT = 10_000;

/** A one-line status of an object, from the columns its kind gets. */
function statusOf(kind: KindDescriptor, object: KubeObject): string {
  return extraColumns(kind, [object])
    .slice(0, 2)
    .map(c => `${c.title}: ${c.value(object)}`)
    .join(' · ');
}

/**
 * The objects related to one object through owner references: its owners,
 * and the objects of its likely child kinds that it owns.
 */
export function RelatedTab(props: {
  cluster: string;
  kinds: KindDescriptor[];
  kind: KindDescriptor;
  object: KubeObject;
  refHref: (ref: K8sOpsObjectRef) => string;
}) {
  const { cluster, kinds, kind, object, refHref } = props;
  const api = useApi(k8sOpsApiRef);
  const owners = ownersOf(cluster, kinds, object);
  const children = childKinds(kinds, kind);
  const uid = object.metadata.uid;
  const namespace = object.metadata.namespace;
  const kindName = resourceNameOf(kind);

  const owned = useAsync(async () => {
    const labelSelector = narrowingSelector(object);
    const lists = await Promise.all(
      children.map(async child => {
        const list = await api.listResources(cluster, resourceNameOf(child), {
          namespace: child.namespaced ? namespace : undefined,
          labelSelector,
          limit: CHILD_LIMIT,
        });
        return ownedBy(list.items, object).map(o => ({
          kind: child,
          object: o,
        }));
      }),
    );
    return lists.flat();
    // The object's uid and kind decide what it owns; other updates do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, cluster, uid, namespace, kindName]);

  return (
    <Box data-testid="related">
      <Typography variant="h6">Owners</Typography>
      {owners.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing owns this object.
        </Typography>
      ) : (
        <Table size="small">
          <TableBody>
            {owners.map(owner => (
              <TableRow key={`${owner.kind}/${owner.name}`}>
                <TableCell>{owner.kind}</TableCell>
                <TableCell>
                  {owner.ref ? (
                    <Link to={refHref(owner.ref)}>{owner.name}</Link>
                  ) : (
                    owner.name
                  )}
                </TableCell>
                <TableCell>{owner.controller ? 'controller' : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Box mt={3}>
        <Typography variant="h6">Owned</Typography>
        {children.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {kind.kind} objects make no objects k8s-ops looks for.
          </Typography>
        )}
        {children.length > 0 && owned.loading && <Progress />}
        {owned.error && (
          <ResponseErrorPanel
            error={owned.error}
            title={backendMessage(owned.error)}
          />
        )}
        {owned.value && owned.value.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            This {kind.kind} owns no {children.map(c => c.kind).join(' or ')}{' '}
            now.
          </Typography>
        )}
        {owned.value && owned.value.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Kind</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Age</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {owned.value.map(({ kind: child, object: o }) => (
                <TableRow key={o.metadata.uid ?? o.metadata.name}>
                  <TableCell>{child.kind}</TableCell>
                  <TableCell>
                    <Link to={refHref(refOf(cluster, child, o))}>
                      {o.metadata.name}
                    </Link>
                  </TableCell>
                  <TableCell>{statusOf(child, o)}</TableCell>
                  <TableCell>{age(o)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
