export { RelationsGraph } from './RelationsGraph';
