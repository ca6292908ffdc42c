export * from './findRelations';
