export { ClustersDashboard } from './ClustersDashboard';
