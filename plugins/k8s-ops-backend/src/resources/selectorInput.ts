import { InputError } from '@backstage/errors';
import {
  parseFieldSelector,
  parseLabelSelector,
  ParsedSearchQuery,
  parseSearchQuery,
  SelectorSyntaxError,
} from '@k8s-ops/plugin-k8s-ops-common';

/** Selectors kept parsed, the oldest dropped first. */
const PARSED_SELECTORS = 1000;
const parsedSelectors = new Map<
  string,
  ReturnType<typeof parseLabelSelector>
>();

/**
 * Parses a label selector a person sent; bad syntax is an `InputError`
 * (400) that says where, not a failure of the server.
 */
export function parseLabelSelectorInput(
  text: string | undefined,
): ReturnType<typeof parseLabelSelector> {
  if (text === undefined) {
    return asInput(parseLabelSelector, text);
  }
  // A page view lists many kinds with one selector: it is parsed once.
  let matcher = parsedSelectors.get(text);
  if (!matcher) {
    matcher = asInput(parseLabelSelector, text);
    if (parsedSelectors.size >= PARSED_SELECTORS) {
      parsedSelectors.delete(parsedSelectors.keys().next().value!);
    }
    parsedSelectors.set(text, matcher);
  }
  return matcher;
}

/** Parses a field selector a person sent; bad syntax is an `InputError`. */
export function parseFieldSelectorInput(
  text: string | undefined,
): ReturnType<typeof parseFieldSelector> {
  return asInput(parseFieldSelector, text);
}

/** Parses a search a person typed; a bad `label:` term is an `InputError`. */
export function parseSearchQueryInput(text: string): ParsedSearchQuery {
  return asInput(t => parseSearchQuery(t ?? ''), text);
}

function asInput<T>(parse: (text: string | undefined) => T, text?: string) {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}
