export { ApplyYamlDialog } from './ApplyYamlDialog';
export { editableYaml } from './manifest';
