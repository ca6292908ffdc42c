import { isK8sOpsAvailable } from './isK8sOpsAvailable';

describe('isK8sOpsAvailable', () => {
  const entity = (annotations?: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  });

  it.each([
    [{ 'backstage.io/kubernetes-id': 'x' }, true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=x' }, true],
    [{ 'backstage.io/kubernetes-namespace': 'team' }, false],
    [undefined, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isK8sOpsAvailable(entity(annotations))).toBe(expected);
  });
});
