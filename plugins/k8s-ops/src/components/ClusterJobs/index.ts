export { ClusterJobs } from './ClusterJobs';
