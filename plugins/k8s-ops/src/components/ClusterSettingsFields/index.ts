export { ClusterSettingsFields } from './ClusterSettingsFields';
