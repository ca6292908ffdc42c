import {
  CodeSnippet,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  DiscoveryResponse,
  K8sOpsObjectRef,
  k8sOpsNodeExecPermission,
  k8sOpsResourceUpdatePermission,
  KubeObject,
  stringifyK8sOpsObjectRef,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { lazy, Suspense, useMemo, useState } from 'react';
import { stringify } from 'yaml';
import { useLiveObject } from '../../hooks/useLiveObject';
import { backendMessage } from '../../lib/backendMessage';
import { ObjectTab } from '../../lib/entityObjects';
import { findKindByResource } from '../../lib/kindGroups';
import { containersOf, logResourceOf } from '../../lib/logTargets';
import { LogsPanel } from '../LogsPanel';
import { SecretValues } from '../SecretValues';
import { ObjectActionsControl } from '../ObjectActions';
import { PortForwardAction } from '../PortForwardAction';
import { EventsTab } from './EventsTab';
import { GraphTab, RelatedTab } from './RelatedTab';

// xterm.js is loaded only when a terminal opens.
const PodTerminal = lazy(() =>
  import('../PodTerminal').then(m => ({ default: m.PodTerminal })),
);

const useStyles = makeStyles(theme => ({
  paper: { width: 'min(1100px, 90vw)' },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 3, 0),
  },
  title: { flex: 1, minWidth: 0, overflowWrap: 'anywhere' },
  body: { padding: theme.spacing(2, 3) },
}));

/**
 * The object as YAML. Managed fields are not in it: the backend keeps
 * objects without them.
 */
function YamlTab(props: { object: KubeObject }) {
  const text = useMemo(() => stringify(props.object), [props.object]);
  return (
    <Box>
      <div data-testid="object-yaml">
        <CodeSnippet
          language="yaml"
          text={text}
          showCopyCodeButton
          customStyle={{ fontSize: 12 }}
        />
      </div>
    </Box>
  );
}

/**
 * One object in a drawer: its YAML, its events, and the objects related to
 * it, kept current by the change stream.
 */
export function ObjectDetail(props: {
  objectRef: K8sOpsObjectRef;
  discovery: DiscoveryResponse;
  refHref: (ref: K8sOpsObjectRef) => string;
  onClose: () => void;
  /**
   * Opens the object in the YAML editor; without it, or without the
   * permission to update this object, there is no Edit YAML.
   */
  onEditYaml?: (object: KubeObject) => void;
  /** The tab to open on; the YAML by default. */
  initialTab?: ObjectTab;
  /** Whether the cluster is read-only; when known, the actions show. */
  readOnly?: boolean;
}) {
  const { objectRef, discovery, refHref, onClose, onEditYaml, readOnly } =
    props;
  const { cluster, namespace, name } = objectRef;
  const classes = useStyles();
  const kind = findKindByResource(discovery.kinds, objectRef.resource);
  const resource = kind ? resourceNameOf(kind) : objectRef.resource;
  const logResource = kind ? logResourceOf(kind) : undefined;
  const [tab, setTab] = useState(() => {
    if (props.initialTab === 'events') return 1;
    if (props.initialTab && logResource) return 4;
    return 0;
  });
  const isNode = kind?.group === '' && kind.kind === 'Node';
  const state = useLiveObject({ cluster, resource, namespace, name });
  const { object } = state;
  const resourceRef = stringifyK8sOpsObjectRef({
    cluster,
    resource,
    namespace,
    name,
  });
  const { allowed: mayEdit } = usePermission({
    permission: k8sOpsResourceUpdatePermission,
    resourceRef,
  });
  // Node terminals are for admins: the tab shows only to those allowed.
  const { allowed: mayOpenNodeTerminal } = usePermission({
    permission: k8sOpsNodeExecPermission,
    resourceRef,
  });
  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      <div className={classes.header}>
        <Typography variant="h5" className={classes.title}>
          {kind?.kind ?? objectRef.resource} {namespace ? `${namespace}/` : ''}
          {name}
        </Typography>
        {onEditYaml && mayEdit && object && !state.deleted && (
          <Button
            variant="outlined"
            color="primary"
            onClick={() => onEditYaml(object)}
          >
            Edit YAML
          </Button>
        )}
        {object && !state.deleted && (
          <PortForwardAction
            object={object}
            objectRef={{ cluster, resource, namespace, name }}
          />
        )}
        {readOnly !== undefined && object && !state.deleted && (
          <ObjectActionsControl
            object={object}
            target={{ cluster, resource, namespace, name }}
            readOnly={readOnly}
            variant="toolbar"
          />
        )}
        <IconButton aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      <Tabs
        value={tab}
        onChange={(_e, value) => setTab(value)}
        indicatorColor="primary"
        style={{ padding: '0 24px' }}
      >
        <Tab label="YAML" />
        <Tab label="Events" />
        <Tab label="Related" />
        <Tab label="Graph" value={3} />
        {logResource && <Tab label="Logs" value={4} />}
        {(logResource === 'pods' || (isNode && mayOpenNodeTerminal)) && (
          <Tab label="Terminal" value={5} />
        )}
      </Tabs>
      <div className={classes.body}>
        {state.deleted && (
          <WarningPanel
            severity="info"
            title={`This ${kind?.kind ?? 'object'} was deleted`}
          />
        )}
        {state.loading && <Progress />}
        {state.error && (
          <ResponseErrorPanel
            error={state.error}
            title={backendMessage(state.error)}
          />
        )}
        {object && tab === 0 && (
          <SecretValues
            objectRef={{ cluster, resource, namespace, name }}
            object={object}
          />
        )}
        {object && tab === 0 && <YamlTab object={object} />}
        {object && tab === 1 && (
          <EventsTab objectRef={{ cluster, resource, namespace, name }} />
        )}
        {object && tab === 2 && (
          <RelatedTab
            objectRef={{ cluster, resource, namespace, name }}
            kind={kind?.kind ?? resource}
            object={object}
            refHref={refHref}
          />
        )}
        {object && tab === 3 && (
          <GraphTab
            objectRef={{ cluster, resource, namespace, name }}
            kind={kind?.kind ?? resource}
            object={object}
            refHref={refHref}
          />
        )}
        {object && tab === 4 && logResource && namespace && (
          <LogsPanel
            target={{ cluster, namespace, resource: logResource, name }}
            containers={containersOf(object)}
            previous={props.initialTab === 'previous-logs'}
          />
        )}
        {object && tab === 5 && (
          <Suspense fallback={<Progress />}>
            <PodTerminal
              cluster={cluster}
              {...(isNode ? { node: name } : { namespace, pod: name })}
              containers={isNode ? [] : containersOf(object)}
            />
          </Suspense>
        )}
      </div>
    </Drawer>
  );
}
