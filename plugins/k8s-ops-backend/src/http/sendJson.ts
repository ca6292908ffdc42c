import { Response } from 'express';

/**
 * Sends JSON that is already encoded, as it is: `res.send` would hash a
 * large body again for an ETag of its own, which costs more than encoding
 * a list of thousands of objects from the cache. The text is turned into
 * bytes once, for its length and to send.
 */
export function sendJson(res: Response, body: string) {
  const bytes = Buffer.from(body, 'utf8');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
