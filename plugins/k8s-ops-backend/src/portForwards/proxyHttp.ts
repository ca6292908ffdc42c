import { Request, Response } from 'express';
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Duplex } from 'node:stream';

/** Headers of one hop, and the portal's own credentials: never passed on. */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'cookie',
]);

function passedOn(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !DROPPED.has(name)),
  );
}

/**
 * Sends one HTTP request over a forwarded connection and streams the answer
 * back. Paths the pod answers with (redirects) stay under the proxy's base.
 */
export function proxyHttp(
  req: Request,
  res: Response,
  connection: Duplex,
  options: { host: string; basePath: string },
): Promise<void> {
  return new Promise((resolveProxy, reject) => {
    const upstream = httpRequest(
      {
        method: req.method,
        path: req.url,
        headers: {
          ...passedOn(req.headers),
          host: options.host,
          connection: 'close',
          'x-forwarded-prefix': options.basePath,
        },
        createConnection: () => connection as never,
      },
      answer => {
        const headers = passedOn(answer.headers);
        delete headers['set-cookie'];
        const location = answer.headers.location;
        if (location?.startsWith('/') && !location.startsWith('//')) {
          headers.location = `${options.basePath}${location}`;
        }
        res.writeHead(answer.statusCode ?? 502, headers as never);
        answer.pipe(res);
        answer.on('end', () => resolveProxy());
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    res.on('close', () => {
      upstream.destroy();
      connection.destroy();
    });
    req.pipe(upstream);
  });
}
