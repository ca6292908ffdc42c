export { ProvisionNamespaceDialog } from './ProvisionNamespaceDialog';
