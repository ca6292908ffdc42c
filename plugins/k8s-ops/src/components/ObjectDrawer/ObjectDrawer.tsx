import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { K8sOpsObjectRef } from '@k8s-ops/plugin-k8s-ops-common';
import Drawer from '@material-ui/core/Drawer';
import { useCallback } from 'react';
import { useDiscovery } from '../../hooks/useDiscovery';
import { backendMessage } from '../../lib/backendMessage';
import { clusterSubPath, objectSubPath } from '../../lib/paths';
import { useKubernetesPageRoute } from '../../hooks/useKubernetesPageRoute';
import { ObjectDetail } from '../ObjectDetail';
import { ObjectTab } from '../../lib/entityObjects';

/**
 * One object opened from an entity's tab: its YAML, events and related
 * objects, without leaving the entity. Related objects link to their
 * cluster's page.
 */
export function ObjectDrawer(props: {
  objectRef: K8sOpsObjectRef;
  onClose: () => void;
  /** The tab to open on; the YAML by default. */
  initialTab?: ObjectTab;
  /** Whether the cluster is read-only; the object's actions show otherwise. */
  readOnly?: boolean;
}) {
  const { objectRef, onClose, initialTab, readOnly } = props;
  const root = useKubernetesPageRoute();
  const discovery = useDiscovery(objectRef.cluster);
  const refHref = useCallback(
    (ref: K8sOpsObjectRef) =>
      `${root()}${clusterSubPath(ref.cluster)}${objectSubPath(ref)}`,
    [root],
  );
  if (discovery.value) {
    return (
      <ObjectDetail
        objectRef={objectRef}
        discovery={discovery.value}
        refHref={refHref}
        onClose={onClose}
        initialTab={initialTab}
        readOnly={readOnly}
      />
    );
  }
  return (
    <Drawer anchor="right" open onClose={onClose}>
      {discovery.loading && <Progress />}
      {discovery.error && (
        <ResponseErrorPanel
          error={discovery.error}
          title={backendMessage(discovery.error)}
        />
      )}
    </Drawer>
  );
}
