import { CustomErrorBase, InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/** How deep a request body may nest objects and arrays. */
export const MAX_JSON_DEPTH = 64;

/** A request body over the size limit: answered 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/**
 * Parses JSON request bodies, as `express.json` does, but refuses a body
 * nested deeper than `maxDepth` (which would exhaust the stack of whatever
 * walks it) with 400, and one over `limit` with 413, each with a message a
 * person can act on.
 */
export function jsonBody(
  options: { limit?: string; maxDepth?: number } = {},
): RequestHandler {
  const limit = options.limit ?? '2mb';
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const readText = express.text({ type: 'application/json', limit });
  return (req, res, next) => {
    readText(req, res, error => {
      if (error) {
        next(
          (error as { type?: string }).type === 'entity.too.large'
            ? new PayloadTooLargeError(
                `The request body is larger than ${limit}`,
              )
            : error,
        );
        return;
      }
      if (typeof req.body !== 'string') {
        next();
        return;
      }
      try {
        req.body = parseJsonBody(req.body, maxDepth);
      } catch (parseError) {
        next(parseError);
        return;
      }
      next();
    });
  };
}

/**
 * Parses the text of a JSON request body: an object or an array (an empty
 * body is an empty object), nested at most `maxDepth` levels. The depth is
 * counted on the text, before `JSON.parse` could recurse into it.
 */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH) {
  const start = text.trimStart();
  if (!start) {
    return {};
  }
  if (!start.startsWith('{') && !start.startsWith('[')) {
    throw new InputError('The request body must be a JSON object or array');
  }
  if (depthOf(text) > maxDepth) {
    throw new InputError(
      `The request body is nested deeper than ${maxDepth} levels`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** The deepest nesting of `{` and `[` outside strings. */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return deepest;
}
