import '@testing-library/jest-dom';
// Component tests render material-table and type into inputs; on a busy
// two-core machine running every suite at once that can exceed Jest's
// default five seconds.
jest.setTimeout(30_000);
