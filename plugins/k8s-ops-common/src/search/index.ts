export * from './parseSearchQuery';
export * from './objectStatus';
