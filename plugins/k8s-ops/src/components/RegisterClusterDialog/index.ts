export { RegisterClusterDialog } from './RegisterClusterDialog';
