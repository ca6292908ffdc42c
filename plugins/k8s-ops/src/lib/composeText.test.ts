import { outlineCompose } from './composeText';

describe('outlineCompose', () => {
  it.each([
    ['', [], [], undefined],
    [
      'services:\n  web:\n    image: nginx:${TAG:-1}\n',
      ['web'],
      ['TAG'],
      undefined,
    ],
    [
      'services:\n  a: {image: x}\n  b: {image: "${B}"}\n',
      ['a', 'b'],
      [],
      undefined,
    ],
    ['services: [', [], [], 'Flow sequence'],
    ['version: "3"\n', [], [], 'services'],
  ])('%j', (text, services, variables, error) => {
    const outline = outlineCompose(text);
    expect(outline.services).toEqual(services);
    expect(outline.variables.map(v => v.name)).toEqual(variables);
    expect(outline.error ?? '').toContain(error ?? '');
    expect(Boolean(outline.error)).toBe(Boolean(error));
  });

  it('lists the variables of the picked service', () => {
    expect(
      outlineCompose('services:\n  a: {image: x}\n  b: {image: "${B}"}\n', 'b')
        .variables,
    ).toEqual([{ name: 'B', required: true, default: undefined }]);
  });
});
