export * from './detectProblems';
