export { SecretValues } from './SecretValues';
