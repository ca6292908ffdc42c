/**
 * Rules for names, labels and display text that people type or paste, kept
 * in one place so that the backend's request schemas and the forms that
 * check input as it is typed agree. Each rule is a function that says why a
 * value is refused (undefined when it is fine) and a zod schema built on it.
 */
import { z } from 'zod';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

// C0 and C1 controls (line breaks, tabs, ESC of terminal escapes, DEL).
const CONTROL = /\p{Cc}/u;
// Embeddings, overrides and isolates, which reorder what is shown
// ("Trojan Source").
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// In a `u` regular expression a lone surrogate is its own code point.
const LONE_SURROGATE = /\p{Surrogate}/u;
const MARKUP = /[<>]/;

/** The most labels a cluster may carry. @public */
export const MAX_LABELS = 50;

/**
 * Why a name is not a DNS label (RFC 1123: cluster, group and namespace
 * names), or undefined when it is one.
 * @public
 */
export function dnsLabelProblem(value: string): string | undefined {
  return DNS_LABEL.test(value)
    ? undefined
    : 'must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)';
}

/**
 * Why a Kubernetes label key is refused, or undefined when it is valid: an
 * optional DNS subdomain prefix of at most 253 characters and a slash, then
 * a name of at most 63 characters.
 * @public
 */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return 'the prefix of a label name must be a lowercase DNS subdomain of at most 253 characters, like example.com/team';
  }
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return 'label names are like team or example.com/team: at most 63 letters, digits, -, _ and ., starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * Why a Kubernetes label value is refused, or undefined when it is valid:
 * empty, or at most 63 characters like a label name.
 * @public
 */
export function labelValueProblem(value: string): string | undefined {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value))
    ? undefined
    : 'label values are empty or at most 63 letters, digits, -, _ and ., starting and ending with a letter or digit';
}

/**
 * Why text is not safe to show a person (titles, names from pasted files),
 * or undefined when it is: control characters (line breaks, terminal
 * escapes), bidirectional overrides and isolates, lone surrogates and HTML
 * markup are refused.
 * @public
 */
export function displayTextProblem(text: string): string | undefined {
  if (CONTROL.test(text)) {
    return 'must not contain control characters (line breaks, tabs or terminal escapes)';
  }
  if (BIDI_CONTROL.test(text)) {
    return 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'must not contain unpaired UTF-16 surrogates';
  }
  if (MARKUP.test(text)) {
    return 'must not contain < or > (HTML markup)';
  }
  return undefined;
}

/** A string refused for the reason `problem` gives. */
function checkedString(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** A DNS label: cluster, group and namespace names. @public */
export const dnsLabelSchema = checkedString(dnsLabelProblem);

/** Text shown to people, such as a cluster title. @public */
export const displayTextSchema = checkedString(displayTextProblem);

/**
 * Kubernetes labels, each key and value checked with the syntax of the
 * Kubernetes API, at most {@link MAX_LABELS}.
 * @public
 */
export const labelsSchema = z
  .record(z.string(), z.string({ error: 'label values must be text' }))
  .superRefine((labels, ctx) => {
    const entries = Object.entries(labels);
    if (entries.length > MAX_LABELS) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_LABELS} labels` });
    }
    for (const [key, value] of entries) {
      const message = labelKeyProblem(key) ?? labelValueProblem(value);
      if (message) ctx.addIssue({ code: 'custom', message, path: [key] });
    }
  });
