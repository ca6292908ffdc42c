import {
  Content,
  ContentHeader,
  Header,
  HeaderLabel,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ClusterSummary,
  K8sOpsObjectRef,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useCallback, useMemo, useState } from 'react';
import {
  Link,
  Route,
  Routes,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
} from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { useDiscovery } from '../../hooks/useDiscovery';
import { backendMessage } from '../../lib/backendMessage';
import {
  defaultKind,
  findKindByResource,
  groupKinds,
} from '../../lib/kindGroups';
import { editableYaml } from '../../lib/manifest';
import { clusterSubPath, objectSubPath } from '../../lib/paths';
import { ClusterJobs } from '../ClusterJobs';
import { refOf } from '../../lib/relatedObjects';
import { ApplyYamlDialog } from '../ApplyYamlDialog';
import { ObjectDetail } from '../ObjectDetail';
import { ResourceBrowser } from '../ResourceBrowser';
import { NamespaceSelect } from './NamespaceSelect';
import { SearchBox } from '../SearchBox';

// Query parameters that keep the view in the URL.
const RESOURCE = 'resource';
const NAMESPACE = 'namespace';
const LABEL_SELECTOR = 'labelSelector';

/**
 * The path of the cluster page itself, whatever object is open below it.
 * Read from the location as it is (encoded), up to the cluster's segment:
 * the `*` parameter is decoded, so object names with `:` would not match.
 */
function useClusterPath(cluster: string): string {
  const { pathname } = useLocation();
  const segment = clusterSubPath(cluster);
  const at = pathname.indexOf(`${segment}/`);
  return at >= 0
    ? pathname.slice(0, at + segment.length)
    : pathname.replace(/\/+$/, '');
}

function accessOf(summary: ClusterSummary | undefined): string {
  if (!summary) {
    return '—';
  }
  if (summary.readOnly) {
    return 'read-only';
  }
  return summary.mayChange === false ? 'read-only for you' : 'read-write';
}

function ObjectRoute(props: {
  cluster: string;
  render: (ref: K8sOpsObjectRef) => JSX.Element;
}) {
  const { resource = '', namespace, name = '' } = useParams();
  return props.render({ cluster: props.cluster, resource, namespace, name });
}

/**
 * One cluster: its health in the header, and every kind it serves with
 * their objects, a namespace at a time or all at once. The kind, namespace
 * and label selector live in the URL, and an open object has its own path
 * (`objects/:resource/:namespace/:name`), so a link shows the same view.
 */
export function ClusterPage() {
  const { cluster = '' } = useParams();
  const api = useApi(k8sOpsApiRef);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const base = useClusterPath(cluster);
  const query = search.toString();

  const summary = useAsync(() => api.getCluster(cluster), [api, cluster]);
  const discovery = useDiscovery(cluster);
  const namespaces = useAsync(
    async () =>
      (await api.listResources(cluster, 'namespaces', { limit: 10_000 })).items
        .map(n => n.metadata.name ?? '')
        .filter(Boolean),
    [api, cluster],
  );

  const requested = search.get(RESOURCE) ?? undefined;
  const namespace = search.get(NAMESPACE) || undefined;
  const labelSelector = search.get(LABEL_SELECTOR) || undefined;
  const groups = useMemo(
    () => (discovery.value ? groupKinds(discovery.value) : []),
    [discovery.value],
  );
  const found = discovery.value
    ? findKindByResource(discovery.value.kinds, requested)
    : undefined;
  const kind = found ?? defaultKind(groups);

  const setQuery = useCallback(
    (changes: Record<string, string | undefined>) =>
      setSearch(previous => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) {
            next.set(key, value);
          } else {
            next.delete(key);
          }
        }
        return next;
      }),
    [setSearch],
  );

  const refHref = useCallback(
    (ref: K8sOpsObjectRef) =>
      `${base}${objectSubPath(ref)}${query ? `?${query}` : ''}`,
    [base, query],
  );
  const objectHref = useCallback(
    (k: KindDescriptor, object: KubeObject) =>
      refHref(refOf(cluster, k, object)),
    [cluster, refHref],
  );

  const [editor, setEditor] = useState<{ open: boolean; yaml?: string }>({
    open: false,
  });
  // Read-only for this person too when no object of the cluster may be
  // changed by them: nothing is offered that would only be refused.
  const readOnly =
    (summary.value?.readOnly || summary.value?.mayChange === false) ?? true;
  const health = summary.value?.health;

  const renderObject = (ref: K8sOpsObjectRef) =>
    discovery.value ? (
      <ObjectDetail
        objectRef={ref}
        discovery={discovery.value}
        refHref={refHref}
        onClose={() => navigate(`${base}${query ? `?${query}` : ''}`)}
        readOnly={readOnly}
        onEditYaml={
          readOnly
            ? undefined
            : object => setEditor({ open: true, yaml: editableYaml(object) })
        }
      />
    ) : (
      <></>
    );

  return (
    <Page themeId="tool">
      <Header
        title={summary.value?.title ?? cluster}
        subtitle={[
          `Cluster ${cluster}`,
          summary.value?.group,
          summary.value?.url,
        ]
          .filter(Boolean)
          .join(' · ')}
        type="Kubernetes"
        typeLink={base.replace(/\/clusters\/[^/]+$/, '') || '/'}
      >
        <HeaderLabel
          label="Health"
          value={health?.status ?? 'not checked yet'}
        />
        <HeaderLabel label="Version" value={health?.version ?? '—'} />
        <HeaderLabel label="Access" value={accessOf(summary.value)} />
      </Header>
      <Content>
        <ContentHeader title="Resources">
          <Box display="flex" alignItems="center" style={{ gap: 16 }}>
            <SearchBox
              scope={`cluster:${cluster}`}
              placeholder="Search this cluster"
            />
            <NamespaceSelect
              namespaces={namespaces.value ?? []}
              value={namespace}
              onChange={ns => setQuery({ [NAMESPACE]: ns })}
              disabled={kind && !kind.namespaced}
              helperText={
                kind && !kind.namespaced
                  ? `${kind.kind} objects have no namespace`
                  : undefined
              }
            />
            <Button
              variant="outlined"
              component={Link}
              to={`${base}/jobs${query ? `?${query}` : ''}`}
            >
              Jobs
            </Button>
            {summary.value && !readOnly && (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setEditor({ open: true })}
              >
                Apply YAML
              </Button>
            )}
          </Box>
        </ContentHeader>
        {summary.error && (
          <ResponseErrorPanel
            error={summary.error}
            title={backendMessage(summary.error)}
          />
        )}
        {discovery.loading && <Progress />}
        {/* An unknown cluster fails both; its summary says why once. */}
        {discovery.error && !summary.error && (
          <ResponseErrorPanel
            error={discovery.error}
            title={backendMessage(discovery.error)}
          />
        )}
        {requested && discovery.value && !found && (
          <Box mb={2}>
            <WarningPanel
              severity="warning"
              title={`Cluster ${cluster} serves no kind '${requested}'`}
            />
          </Box>
        )}
        {discovery.value && (
          <ResourceBrowser
            cluster={cluster}
            discovery={discovery.value}
            kind={kind}
            namespace={namespace}
            labelSelector={labelSelector}
            onKindChange={k => setQuery({ [RESOURCE]: resourceNameOf(k) })}
            onLabelSelectorChange={selector =>
              setQuery({ [LABEL_SELECTOR]: selector })
            }
            objectHref={objectHref}
            readOnly={readOnly}
          />
        )}
        <Routes>
          <Route
            path="objects/:resource/:namespace/:name"
            element={<ObjectRoute cluster={cluster} render={renderObject} />}
          />
          <Route
            path="objects/:resource/:name"
            element={<ObjectRoute cluster={cluster} render={renderObject} />}
          />
          <Route
            path="jobs"
            element={
              <Box mt={3}>
                <ClusterJobs cluster={cluster} namespace={namespace} />
              </Box>
            }
          />
          <Route path="*" element={null} />
        </Routes>
        <ApplyYamlDialog
          cluster={cluster}
          open={editor.open}
          initialYaml={editor.yaml}
          onClose={() => setEditor({ open: false })}
        />
      </Content>
    </Page>
  );
}
