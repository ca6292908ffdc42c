/**
 * kwok configuration of a local cluster: how simulated pods behave, and what
 * its fake kubelet answers for logs, exec and port-forward.
 *
 * Pods become Running as soon as they are scheduled. Two labels change that,
 * so that the seed data shows the problems the portal detects:
 * `k8s-ops.dev/simulate: crash-loop` makes a pod crash-loop, and
 * `k8s-ops.dev/simulate: fail` makes a Job's pod fail.
 */
export const SIMULATE_LABEL = 'k8s-ops.dev/simulate';

const simulate = `.metadata.labels["${SIMULATE_LABEL}"]`;

const notDeleting = `
    - key: .metadata.deletionTimestamp
      operator: DoesNotExist`;

const addresses = `
      hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
      podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
      startTime: {{ Now | Quote }}`;

function condition(type: string, status: boolean) {
  return `
      - type: ${type}
        status: "${status ? 'True' : 'False'}"
        lastTransitionTime: {{ Now | Quote }}`;
}

/**
 * The first status of a scheduled pod: running and ready, or, for pods
 * labelled to crash-loop, waiting in CrashLoopBackOff after seven restarts.
 */
function podStart(crashLoop: boolean) {
  const container = crashLoop
    ? `
        ready: false
        started: false
        restartCount: 7
        state:
          waiting:
            reason: CrashLoopBackOff
            message: back-off 5m0s restarting failed container
        lastState:
          terminated:
            exitCode: 1
            reason: Error
            startedAt: {{ Now | Quote }}
            finishedAt: {{ Now | Quote }}`
    : `
        ready: true
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ Now | Quote }}`;
  const ready = !crashLoop;
  return `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${crashLoop ? 'k8s-ops-pod-crash-loop' : 'k8s-ops-pod-start'}
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: .status.podIP
      operator: DoesNotExist
    - key: '${simulate}'
      operator: ${crashLoop ? 'In' : 'NotIn'}
      values: [crash-loop]
  next:
    statusTemplate: |
      phase: Running
      conditions:${condition('PodScheduled', true)}${condition(
    'Initialized',
    true,
  )}${condition('ContainersReady', ready)}${condition('Ready', ready)}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}${container}
      {{ end }}${addresses}
`;
}

function jobPodEnd(name: string, fail: boolean) {
  return `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: .status.phase
      operator: In
      values: [Running]
    - key: '.metadata.ownerReferences.[].kind'
      operator: In
      values: [Job]
    - key: '${simulate}'
      operator: ${fail ? 'In' : 'NotIn'}
      values: [fail]
  delay:
    durationMilliseconds: 2000
  next:
    statusTemplate: |
      phase: ${fail ? 'Failed' : 'Succeeded'}
      conditions:${condition('Ready', false)}${condition(
    'ContainersReady',
    false,
  )}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
        ready: false
        started: false
        restartCount: 0
        state:
          terminated:
            exitCode: ${fail ? 1 : 0}
            reason: ${fail ? 'Error' : 'Completed'}
            startedAt: {{ Now | Quote }}
            finishedAt: {{ Now | Quote }}
      {{ end }}
`;
}

const podRemove = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: k8s-ops-pod-remove
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:
    - key: .metadata.deletionTimestamp
      operator: Exists
  next:
    finalizers:
      empty: true
    delete: true
`;

/**
 * The kwok configuration file: pod stages, and the fake kubelet's answers.
 * Logs come from `logsFile`; exec runs commands on this machine in `execDir`;
 * every port-forward reaches the local `forwardPort`.
 */
export function kwokConfig(options: {
  logsFile: string;
  execDir: string;
  forwardPort: number;
}): string {
  return [
    podStart(false),
    podStart(true),
    jobPodEnd('k8s-ops-job-pod-succeed', false),
    jobPodEnd('k8s-ops-job-pod-fail', true),
    podRemove,
    `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: k8s-ops-logs
spec:
  logs:
  - logsFile: ${JSON.stringify(options.logsFile)}
    follow: true
`,
    `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: k8s-ops-exec
spec:
  execs:
  - local:
      workDir: ${JSON.stringify(options.execDir)}
      envs:
      - name: K8S_OPS_SIMULATED_POD
        value: "true"
`,
    `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: k8s-ops-port-forward
spec:
  forwards:
  - target:
      address: 127.0.0.1
      port: ${options.forwardPort}
`,
  ]
    .map(doc => doc.trim())
    .join('\n---\n');
}
