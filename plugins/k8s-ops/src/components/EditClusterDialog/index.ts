export { EditClusterDialog } from './EditClusterDialog';
