import plugin from './plugin';

describe('k8s-ops frontend plugin (new frontend system)', () => {
  it.each([
    ['api:k8s-ops', 'api', 'apis'],
    ['page:k8s-ops', 'page', 'routes'],
    ['entity-content:k8s-ops', 'entity-content', 'contents'],
    ['entity-card:k8s-ops', 'entity-card', 'cards'],
  ])('provides %s attached to its parent input', (id, kind, input) => {
    const extension = plugin.getExtension(id as never) as unknown as {
      kind: string;
      attachTo: { input: string };
    };
    expect(extension.kind).toBe(kind);
    expect(extension.attachTo.input).toBe(input);
  });
});
