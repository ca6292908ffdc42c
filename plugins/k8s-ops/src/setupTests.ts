import '@testing-library/jest-dom';
// Component tests render material-table and type into inputs; on a busy
// two-core machine running every suite at once that can exceed Jest's
// default five seconds.
jest.setTimeout(30_000);

// Warnings our components must never cause: material-table's columns
// rebuilt on every render or rows without ids, React's list keys, and
// other React warnings about how a component is written (not the test's own
// `act(...)` warnings). A test that renders one fails, so the components
// stay quiet in a person's browser console too.
const OUR_WARNINGS =
  /columns provided to material table|unique id property|unique "key" prop|Each child in a list|Cannot update a component|Invalid prop|Failed prop type|validateDOMNesting/;
let heard: string[] = [];
const listen =
  (original: (...args: unknown[]) => void) =>
  (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (OUR_WARNINGS.test(text)) {
      heard.push(text.split('\n')[0]);
    }
    original(...args);
  };
// eslint-disable-next-line no-console
console.error = listen(console.error);
// eslint-disable-next-line no-console
console.warn = listen(console.warn);
afterEach(() => {
  const said = heard;
  heard = [];
  if (said.length > 0) {
    throw new Error(`The console warned:\n${said.join('\n')}`);
  }
});
