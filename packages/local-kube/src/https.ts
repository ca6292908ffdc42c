import { request } from 'node:https';

/** A request over HTTPS that trusts the given CA; answers status and body. */
export function httpsRequest(
  url: string,
  options: {
    ca: string;
    token: string;
    method?: string;
    body?: unknown;
    contentType?: string;
    timeoutMs?: number;
  },
): Promise<{ status: number; body: string }> {
  return new Promise((resolveRequest, reject) => {
    const payload =
      options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        headers: {
          Authorization: `Bearer ${options.token}`,
          ...(payload
            ? { 'Content-Type': options.contentType ?? 'application/json' }
            : {}),
        },
        timeout: options.timeoutMs ?? 5000,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          resolveRequest({ status: res.statusCode ?? 0, body }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end(payload);
  });
}
