import { Response } from 'express';

/**
 * Sends JSON that is already encoded, as it is: `res.send` would hash a
 * large body again for an ETag of its own, which costs more than encoding
 * a list of thousands of objects from the cache.
 */
export function sendJson(res: Response, body: string) {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
