export * from './clusters';
export * from './audit';
