import { emptyProvisionForm, provisionRequest } from './provisionRequest';

describe('provisionRequest', () => {
  it('leaves out the options not chosen and empty fields', () => {
    const form = { ...emptyProvisionForm(), name: ' team-a ' };
    form.podSecurity.warn = '';
    form.networkPolicy = false;
    expect(provisionRequest(form, true)).toEqual({
      name: 'team-a',
      podSecurity: { enforce: 'baseline' },
      dryRun: true,
    });
  });

  it('sends every chosen option, lists split and the core group empty', () => {
    const form = {
      ...emptyProvisionForm(),
      name: 'team-a',
      quotaEnabled: true,
      limitsEnabled: true,
      serviceAccountEnabled: true,
    };
    form.serviceAccount.rules = [
      {
        apiGroups: 'core, apps',
        resources: 'pods, deployments',
        verbs: 'get,list',
      },
    ];
    expect(provisionRequest(form, false)).toEqual({
      name: 'team-a',
      podSecurity: { enforce: 'baseline', warn: 'restricted' },
      quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' },
      limits: {
        default: { cpu: '500m', memory: '512Mi' },
        defaultRequest: { cpu: '100m', memory: '128Mi' },
      },
      networkPolicy: true,
      serviceAccount: {
        name: 'deployer',
        rules: [
          {
            apiGroups: ['', 'apps'],
            resources: ['pods', 'deployments'],
            verbs: ['get', 'list'],
          },
        ],
      },
      dryRun: false,
    });
  });
});
