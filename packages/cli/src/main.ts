import { parseArgs } from 'node:util';
import { portForward } from './portForward/portForward';

const USAGE = `Usage: k8s-ops port-forward <cluster>/<namespace>/<pod|svc/name> <port>... [options]

Forwards local TCP ports to a pod, or a Service's ready pod, through a
Backstage portal with k8s-ops, under its permissions and audit.

Ports, as kubectl writes them:
  5432          listen on 5432 here, reach 5432
  15432:5432    listen on 15432 here, reach 5432
  :5432         listen on a free port here, reach 5432

Options:
  --url <url>        the portal's backend (K8S_OPS_URL; http://localhost:7007)
  --token <token>    a Backstage token (K8S_OPS_TOKEN)
  --address <addr>   where to listen (127.0.0.1)
  -h, --help         this help
`;

/** Runs the command line with its arguments (without node and the script). */
export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      address: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, target, ...ports] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== 'port-forward') {
    process.stderr.write(`Unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const token = values.token ?? process.env.K8S_OPS_TOKEN;
  if (!token) {
    process.stderr.write(
      'A Backstage token is needed: pass --token or set K8S_OPS_TOKEN\n',
    );
    return 2;
  }
  if (!target) {
    process.stderr.write(USAGE);
    return 2;
  }
  const report = (line: string) => process.stderr.write(`${line}\n`);
  const forward = await portForward({
    url: values.url ?? process.env.K8S_OPS_URL ?? 'http://localhost:7007',
    token,
    target,
    ports,
    address: values.address,
    report,
  });
  for (const port of forward.ports) {
    process.stdout.write(
      `Forwarding from ${values.address ?? '127.0.0.1'}:${port.local} -> ${
        port.remote
      }\n`,
    );
  }
  const stop = () => {
    forward.stop().catch(error => report(`Could not stop: ${error.message}`));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  report(await forward.done);
  return 0;
}
