import { entityLabelSelector, hasKubernetesAnnotations } from './annotations';

describe('entity annotations', () => {
  it.each([
    [
      { 'backstage.io/kubernetes-id': 'storefront' },
      'backstage.io/kubernetes-id=storefront',
    ],
    [
      { 'backstage.io/kubernetes-label-selector': 'app=db,tier in (a,b)' },
      'app=db,tier in (a,b)',
    ],
    [
      {
        'backstage.io/kubernetes-id': 'storefront',
        'backstage.io/kubernetes-label-selector': 'app=web',
      },
      'app=web',
    ],
    [{ 'backstage.io/kubernetes-id': '  ' }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('selector of %j is %s', (annotations, expected) => {
    expect(entityLabelSelector(annotations)).toBe(expected);
    expect(hasKubernetesAnnotations(annotations)).toBe(expected !== undefined);
  });
});
