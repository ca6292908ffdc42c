import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Which API server URLs a pasted kubeconfig or an import may use. */
export interface ServerUrlPolicy {
  /** Accept plain `http://` servers. Only for local development. */
  allowHttp?: boolean;
}

/** A server URL in canonical form, or why it is refused. */
export type ServerUrlCheck = { url: string } | { problem: string };

const EXAMPLE = 'https://k8s.example.com:6443';

// Cloud metadata services by name; compared lowercased without trailing dots.
const METADATA_HOSTNAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.tencentyun.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

const ALIBABA_METADATA = ipaddr.IPv4.parse('100.100.100.200');
const AWS_METADATA_IPV6 = ipaddr.IPv6.parse('fd00:ec2::254');

/**
 * Checks an API server URL before credentials are sent to it: https (http
 * only when allowed), no user name or password, and no link-local or cloud
 * metadata host in any spelling. Returns the URL in canonical form.
 */
export function checkServerUrl(
  value: string,
  policy: ServerUrlPolicy = {},
): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return {
      problem: `is not a valid URL; expected something like ${EXAMPLE}`,
    };
  }
  if (url.protocol === 'http:' && !policy.allowHttp) {
    return {
      problem:
        'must use https://; plain http:// would send credentials unencrypted',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: 'must be an https:// URL' };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      problem:
        'must not contain a user name or password; put credentials in the user entry',
    };
  }
  // The WHATWG parser has already turned decimal, hex, octal and short IPv4
  // forms into dotted quads, IPv6 into compressed hex, and decoded
  // percent-escapes and full-width characters in names.
  const reason = blockedHostReason(url.hostname);
  if (reason) {
    return { problem: `points at ${url.hostname}, ${reason}` };
  }
  // Keep paths (e.g. Rancher proxies) but drop a trailing slash, since
  // clients append API paths to the server URL.
  return { url: url.href.endsWith('/') ? url.href.slice(0, -1) : url.href };
}

/** A server URL field: refused with the reason, or its canonical form. */
export function serverUrlSchema(policy: ServerUrlPolicy) {
  const required = `required; the API server URL, like ${EXAMPLE}`;
  return z
    .string({ error: required })
    .refine(value => value.trim() !== '', required)
    .transform((value, ctx) => {
      const check = checkServerUrl(value, policy);
      if ('problem' in check) {
        ctx.addIssue({ code: 'custom', message: check.problem });
        return z.NEVER;
      }
      return check.url;
    });
}

/** Why a canonical WHATWG hostname must not be used, if it must not. */
function blockedHostReason(hostname: string): string | undefined {
  if (hostname.startsWith('[')) {
    const address = hostname.slice(1, -1);
    // Fail closed on anything the parser does not understand.
    return ipaddr.IPv6.isValid(address)
      ? blockedIpv6Reason(ipaddr.IPv6.parse(address))
      : 'an IPv6 address that could not be checked';
  }
  // The WHATWG parser leaves IPv4 addresses as four decimal parts.
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) {
    return blockedIpv4Reason(ipaddr.IPv4.parse(hostname));
  }
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  if (METADATA_HOSTNAMES.has(name)) {
    return 'a cloud metadata service, which must not receive credentials';
  }
  return undefined;
}

function blockedIpv4Reason(address: ipaddr.IPv4): string | undefined {
  if (address.range() === 'linkLocal') {
    return 'a link-local address (169.254.0.0/16), where cloud metadata services live';
  }
  if (address.match(ALIBABA_METADATA, 32)) {
    return 'the Alibaba Cloud metadata service address';
  }
  return undefined;
}

function blockedIpv6Reason(address: ipaddr.IPv6): string | undefined {
  if (address.range() === 'linkLocal') {
    return 'a link-local address (fe80::/10)';
  }
  if (address.match(AWS_METADATA_IPV6, 128)) {
    return 'the AWS instance metadata service (fd00:ec2::254)';
  }
  const embedded = embeddedIpv4(address);
  const reason = embedded && blockedIpv4Reason(embedded);
  return reason ? `an IPv6 form of ${reason}` : undefined;
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it:
 * mapped (::ffff:0:0/96), translated (::ffff:0:0:0/96), compatible
 * (::/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16).
 */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const range = address.range();
  const compatible = address.parts.slice(0, 6).every(part => part === 0);
  if (
    compatible ||
    range === 'ipv4Mapped' ||
    range === 'rfc6145' ||
    range === 'rfc6052'
  ) {
    return new ipaddr.IPv4(bytes.slice(12));
  }
  if (range === '6to4') {
    return new ipaddr.IPv4(bytes.slice(2, 6));
  }
  return undefined;
}
