export { ManifestPreview } from './ManifestPreview';
