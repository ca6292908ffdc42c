export { EntityK8sOpsOverviewCard } from './EntityK8sOpsOverviewCard';
