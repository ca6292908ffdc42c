export * from './clusters';
export * from './audit';
export * from './resources';
export * from './search';
export * from './portForwards';
export * from './infra';
export * from './deploy';
