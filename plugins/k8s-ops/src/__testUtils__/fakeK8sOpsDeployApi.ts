import { K8sOpsDeployApi } from '../api/K8sOpsDeployApi';

/**
 * A {@link K8sOpsDeployApi} for component tests: no deploys and no jobs
 * unless the test gives a method a behaviour.
 */
export function fakeK8sOpsDeployApi(
  overrides: Partial<K8sOpsDeployApi> = {},
): jest.Mocked<K8sOpsDeployApi> {
  return {
    listDeployTargets: jest.fn(async () => []),
    deploy: jest.fn(async () => {
      throw new Error('deploy was not expected in this test');
    }),
    listDeploys: jest.fn(async () => []),
    rollbackDeploy: jest.fn(async () => {
      throw new Error('rollbackDeploy was not expected in this test');
    }),
    followDeploy: jest.fn(() => () => {}),
    listJobs: jest.fn(async () => []),
    getJobLogs: jest.fn(async () => ({ source: 'live' as const, pods: [] })),
    deleteJob: jest.fn(async () => {}),
    ...overrides,
  } as jest.Mocked<K8sOpsDeployApi>;
}
