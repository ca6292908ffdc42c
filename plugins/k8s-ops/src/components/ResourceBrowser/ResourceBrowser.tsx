import {
  DiscoveryResponse,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { groupKinds } from '../../lib/kindGroups';
import { KindList } from './KindList';
import { ObjectsTable } from './ObjectsTable';

/**
 * Every kind a cluster serves, built-in or CRD, from discovery: the kinds
 * on the side, the objects of the selected one beside them.
 */
export function ResourceBrowser(props: {
  cluster: string;
  discovery: DiscoveryResponse;
  /** The selected kind; none when the cluster serves nothing to list. */
  kind?: KindDescriptor;
  namespace?: string;
  labelSelector?: string;
  onKindChange: (kind: KindDescriptor) => void;
  onLabelSelectorChange: (selector: string | undefined) => void;
  objectHref: (kind: KindDescriptor, object: KubeObject) => string;
  /** Whether the person may change nothing on the cluster. */
  readOnly?: boolean;
}) {
  const { cluster, discovery, kind, objectHref } = props;
  const groups = useMemo(() => groupKinds(discovery), [discovery]);
  const hrefOf = useMemo(
    () => (object: KubeObject) => kind ? objectHref(kind, object) : '',
    [kind, objectHref],
  );

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={3}>
        <KindList
          groups={groups}
          selected={kind}
          onSelect={props.onKindChange}
        />
      </Grid>
      <Grid item xs={12} md={9}>
        {kind ? (
          <ObjectsTable
            key={resourceNameOf(kind)}
            cluster={cluster}
            kind={kind}
            namespace={props.namespace}
            labelSelector={props.labelSelector}
            onLabelSelectorChange={props.onLabelSelectorChange}
            objectHref={hrefOf}
            readOnly={props.readOnly}
          />
        ) : (
          <Typography color="textSecondary">
            Choose a kind to see its objects.
          </Typography>
        )}
      </Grid>
    </Grid>
  );
}
