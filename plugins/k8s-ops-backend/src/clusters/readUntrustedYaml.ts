import { InputError } from '@backstage/errors';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';

/** Limits and wording for {@link readUntrustedYaml}. */
export interface UntrustedYamlLimits {
  /** The largest accepted document, in UTF-8 bytes. */
  maxBytes: number;
  /** What the document is, for messages, like `The kubeconfig`. */
  what: string;
  /** The keys the top-level mapping holds, for messages. */
  keys?: string;
}

// Real kubeconfigs are a handful of levels deep; the limit keeps recursion
// over hostile input bounded.
export const MAX_YAML_DEPTH = 32;

/**
 * Parses untrusted text as a single YAML mapping, refusing anything that
 * could make parsing or later processing expensive or ambiguous: more than
 * `maxBytes`, several documents, anchors and aliases (alias bombs), merge
 * keys, duplicate or non-text keys, and nesting deeper than
 * {@link MAX_YAML_DEPTH}. Messages give positions, never source text, which
 * may hold a secret.
 *
 * @throws InputError naming the problem.
 */
export function readUntrustedYaml(
  text: string,
  { maxBytes, what, keys }: UntrustedYamlLimits,
): Record<string, unknown> {
  if (typeof text !== 'string') {
    throw new InputError(`${what} must be text`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new InputError(
      `${what} is ${bytes} bytes; the limit is ${maxBytes} bytes`,
    );
  }
  if (text.trim() === '') {
    throw new InputError(`${what} is empty`);
  }

  const lineCounter = new LineCounter();
  // prettyErrors would copy the offending source line, which may hold a
  // token, into the error message; positions come from the line counter.
  // Merge keys are off so that `<<` cannot splice values in from elsewhere.
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    merge: false,
    uniqueKeys: true,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };

  if (!Array.isArray(documents) || documents.length === 0) {
    throw new InputError(`${what} is empty`);
  }
  if (documents.length > 1) {
    throw new InputError(
      `${what} must be a single YAML document; found ${documents.length} (separated by ---)`,
    );
  }
  const [document] = documents;
  const [error] = document.errors;
  if (error) {
    // yaml's own messages can quote the source, so only its code is used.
    throw new InputError(
      `${what} is not valid YAML at ${at(error.pos[0])}: ${describeYamlError(
        error.code,
      )}`,
    );
  }
  // A bare `---` parses to a document holding a null scalar.
  const { contents } = document;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    throw new InputError(`${what} is empty`);
  }
  if (!isMap(contents)) {
    throw new InputError(
      `${what} must be a YAML mapping${keys ? ` with ${keys}` : ''}`,
    );
  }

  // Walk the syntax tree before converting it to plain values: resolving
  // aliases is what makes alias bombs explode.
  const rejectAnchor = (node: unknown) => {
    if (isAlias(node) || (node as { anchor?: string } | null)?.anchor) {
      throw new InputError(
        `${what} must not use YAML anchors (&) or aliases (*) (${at(
          (node as { range: [number, number] }).range[0],
        )}); write every value out in full`,
      );
    }
  };
  const pending: Array<{ node: unknown; depth: number }> = [
    { node: contents, depth: 0 },
  ];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > MAX_YAML_DEPTH) {
      throw new InputError(
        `${what} is nested more than ${MAX_YAML_DEPTH} levels deep`,
      );
    }
    if (isPair(node)) {
      rejectAnchor(node.key);
      // Other keys are stringified when converted, so distinct keys could
      // collide; no field of the documents read here needs them.
      if (!isScalar(node.key) || typeof node.key.value !== 'string') {
        const range = (node.key as { range?: [number, number] } | null)?.range;
        throw new InputError(
          `${what} must only use text as mapping keys${
            range ? ` (${at(range[0])})` : ''
          }`,
        );
      }
      pending.push({ node: node.value, depth });
      continue;
    }
    rejectAnchor(node);
    if (isMap(node) || isSeq(node)) {
      // Reversed so that problems are reported in document order.
      for (const item of [...node.items].reverse()) {
        pending.push({ node: item, depth: depth + 1 });
      }
    }
  }

  return document.toJS() as Record<string, unknown>;
}

function describeYamlError(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key appears more than once in the same mapping';
    case 'BAD_INDENT':
    case 'TAB_AS_INDENT':
      return 'bad indentation (YAML indents with spaces)';
    case 'BAD_DQ_ESCAPE':
      return 'invalid escape sequence in a double-quoted string';
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_IN_FLOW':
      return 'unexpected or missing punctuation';
    default:
      return `syntax error (${code})`;
  }
}
