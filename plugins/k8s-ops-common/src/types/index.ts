export * from './clusters';
export * from './audit';
export * from './resources';
export * from './deploy';
