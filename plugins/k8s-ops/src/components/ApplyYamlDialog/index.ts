export { ApplyYamlDialog } from './ApplyYamlDialog';
