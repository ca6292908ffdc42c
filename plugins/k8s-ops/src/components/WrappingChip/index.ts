export { WrappingChip } from './WrappingChip';
