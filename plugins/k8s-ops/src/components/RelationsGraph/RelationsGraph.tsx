import {
  DependencyGraph,
  DependencyGraphTypes,
  Progress,
} from '@backstage/core-components';
import { Suspense } from 'react';
import {
  K8sOpsObjectRef,
  RelationNode,
  RelationsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useTheme } from '@material-ui/core/styles';
import { useNavigate } from 'react-router-dom';
import { relationLabel } from '../../lib/relationSentences';
import { useHealthColour } from './HealthDot';

const WIDTH = 190;
const HEIGHT = 44;

/**
 * The graph around an object: each node coloured by its health, each edge
 * labelled with its relation; a click opens the object.
 */
export function RelationsGraph(props: {
  graph: RelationsResponse;
  refHref: (ref: K8sOpsObjectRef) => string;
}) {
  const { graph, refHref } = props;
  const theme = useTheme();
  const colour = useHealthColour();
  const navigate = useNavigate();
  const renderNode = ({
    node,
  }: DependencyGraphTypes.RenderNodeProps<RelationNode>) => {
    const isRoot = node.id === graph.root;
    const clip = (text: string, max: number) =>
      text.length > max ? `${text.slice(0, max - 1)}…` : text;
    return (
      <g
        role="link"
        aria-label={`${node.kind} ${node.name}`}
        data-testid="graph-node"
        style={{ cursor: 'pointer' }}
        onClick={() => navigate(refHref(node))}
      >
        <rect
          width={WIDTH}
          height={HEIGHT}
          rx={6}
          fill={theme.palette.background.paper}
          stroke={colour(node.health)}
          strokeWidth={isRoot ? 4 : 2}
        />
        <circle cx={12} cy={HEIGHT / 2} r={5} fill={colour(node.health)} />
        <text x={24} y={17} fontSize={11} fill={theme.palette.text.secondary}>
          {clip(`${node.kind}${node.status ? ` · ${node.status}` : ''}`, 30)}
        </text>
        <text x={24} y={34} fontSize={13} fill={theme.palette.text.primary}>
          {clip(node.name, 24)}
        </text>
      </g>
    );
  };
  // The graph's layout library loads on first use.
  return (
    <Suspense fallback={<Progress />}>
      <DependencyGraph
        nodes={graph.nodes}
        edges={graph.edges.map(e => ({
          ...e,
          label: relationLabel(e.relation),
        }))}
        renderNode={renderNode}
        direction="LR"
        labelPosition="c"
        rankMargin={90}
        nodeMargin={20}
        fit="contain"
        style={{ width: '100%', minHeight: 420 }}
        data-testid="relations-graph"
      />
    </Suspense>
  );
}
