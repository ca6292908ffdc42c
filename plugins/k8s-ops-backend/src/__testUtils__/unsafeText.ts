/**
 * Text that must never be shown to a person as it is: it rewrites a
 * terminal, reorders what is displayed, breaks encodings or is markup. Each
 * row: what it holds, the text, and the words of the reason it is refused.
 */
export const unsafeText: Array<[what: string, text: string, reason: string]> = [
  ['a line break', 'prod\r\nX-Injected: 1', 'control characters'],
  ['a terminal escape', 'prod\u001b[2J\u001b]0;owned\u0007', 'control'],
  ['a C1 control', 'prod\u009b31m', 'control'],
  ['a right-to-left override', 'prod\u202egnp.exe', 'bidirectional'],
  ['a left-to-right embedding', '\u202aprod', 'bidirectional'],
  ['a first-strong isolate', 'prod\u2068x', 'bidirectional'],
  ['a pop directional isolate', 'prod\u2069', 'bidirectional'],
  ['a lone high surrogate', 'prod\ud800', 'unpaired UTF-16 surrogates'],
  ['a lone low surrogate', '\udc00prod', 'unpaired UTF-16 surrogates'],
  ['HTML markup', '<img src=x onerror=alert(1)>', '< or >'],
];
