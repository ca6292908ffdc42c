/**
 * Kubernetes label and field selectors, parsed once and matched in memory
 * against cached objects.
 */

/** A selector that could not be parsed; the message says where. @public */
export class SelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

type Requirement =
  | { key: string; op: 'exists' | 'not-exists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/**
 * Splits on commas that are not inside parentheses; an unbalanced
 * parenthesis is named as the problem, before any term is read.
 */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0 || depth > 1) {
      throw new SelectorSyntaxError(
        `unexpected '${char}' in label selector '${selector}'${
          depth < 0 ? ": no '(' opens it" : ': sets do not nest'
        }`,
      );
    }
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (depth > 0) {
    throw new SelectorSyntaxError(
      `missing ')' in label selector '${selector}': close the set, as in 'tier in (a,b)'`,
    );
  }
  terms.push(current.trim());
  return terms;
}

function checkKey(key: string, term: string) {
  if (!KEY.test(key)) {
    throw new SelectorSyntaxError(
      `invalid label key '${key}' in '${term}': use letters, digits, '-', '_', '.' and an optional prefix/`,
    );
  }
}

function checkValue(value: string, term: string) {
  if (!VALUE.test(value) || value.length > 63) {
    throw new SelectorSyntaxError(
      `invalid label value '${value}' in '${term}': at most 63 letters, digits, '-', '_' or '.'`,
    );
  }
}

function parseTerm(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
  if (set) {
    checkKey(set[1], term);
    const values = set[3].split(',').map(v => v.trim());
    if (values.length === 1 && values[0] === '') {
      throw new SelectorSyntaxError(
        `empty set in '${term}': name at least one value, as in '${set[1]} ${set[2]} (a,b)'`,
      );
    }
    values.forEach(v => checkValue(v, term));
    return { key: set[1], op: set[2] as 'in' | 'notin', values };
  }
  const bare = /^(\S+)\s+(in|notin)\s+([^(]*)$/.exec(term);
  if (bare) {
    throw new SelectorSyntaxError(
      `missing '(' in '${term}': the values of '${bare[2]}' go in parentheses, as in '${bare[1]} ${bare[2]} (${bare[3]})'`,
    );
  }
  if (term.endsWith('!')) {
    throw new SelectorSyntaxError(
      `misplaced '!' in '${term}': it goes before the key, as in '!${term.slice(
        0,
        -1,
      )}'`,
    );
  }
  const compare = /^([^!=\s]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
  if (compare) {
    checkKey(compare[1], term);
    checkValue(compare[3], term);
    return {
      key: compare[1],
      op: compare[2] === '!=' ? 'notin' : 'in',
      values: [compare[3]],
    };
  }
  if (term.startsWith('!')) {
    checkKey(term.slice(1).trim(), term);
    return { key: term.slice(1).trim(), op: 'not-exists' };
  }
  checkKey(term, term);
  return { key: term, op: 'exists' };
}

/**
 * Parses a label selector such as `app=web,tier in (a,b),!canary` into a
 * predicate over an object's labels. An empty selector matches everything.
 *
 * @public
 */
export function parseLabelSelector(
  selector: string | undefined,
): (labels: Record<string, string> | undefined) => boolean {
  const text = selector?.trim();
  if (!text) {
    return () => true;
  }
  const requirements = splitTerms(text).map(term => {
    if (!term) {
      throw new SelectorSyntaxError(`empty term in label selector '${text}'`);
    }
    return parseTerm(term);
  });
  return labels =>
    requirements.every(r => {
      const value = labels?.[r.key];
      switch (r.op) {
        case 'exists':
          return value !== undefined;
        case 'not-exists':
          return value === undefined;
        case 'in':
          return value !== undefined && r.values.includes(value);
        default:
          return value === undefined || !r.values.includes(value);
      }
    });
}

/**
 * Parses a field selector such as `status.phase=Running,spec.nodeName!=a`
 * into a predicate over an object; any dotted path of the object works.
 *
 * @public
 */
export function parseFieldSelector(
  selector: string | undefined,
): (object: unknown) => boolean {
  const text = selector?.trim();
  if (!text) {
    return () => true;
  }
  const requirements = text.split(',').map(term => {
    const match = /^\s*([A-Za-z][\w.]*)\s*(==|!=|=)\s*(.*?)\s*$/.exec(term);
    if (!match) {
      throw new SelectorSyntaxError(
        `invalid field selector term '${term}': use <path>=<value> or <path>!=<value>, such as status.phase=Running`,
      );
    }
    return {
      path: match[1].split('.'),
      negate: match[2] === '!=',
      value: match[3],
    };
  });
  return object =>
    requirements.every(r => {
      let current: unknown = object;
      for (const part of r.path) {
        current =
          current && typeof current === 'object'
            ? (current as Record<string, unknown>)[part]
            : undefined;
      }
      const actual =
        current === undefined || current === null ? '' : String(current);
      return r.negate ? actual !== r.value : actual === r.value;
    });
}
