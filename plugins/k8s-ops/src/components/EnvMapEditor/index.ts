export { EnvMapEditor } from './EnvMapEditor';
