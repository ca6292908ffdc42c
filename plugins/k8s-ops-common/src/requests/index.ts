export * from './clusters';
export * from './resources';
export * from './changes';
export * from './audit';
export * from './search';
export * from './streams';
export * from './portForwards';
export * from './infra';
