export { WorkloadsTables } from './WorkloadsTables';
