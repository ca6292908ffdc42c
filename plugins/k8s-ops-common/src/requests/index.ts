export * from './clusters';
export * from './resources';
export * from './changes';
export * from './audit';
export * from './deploy';
