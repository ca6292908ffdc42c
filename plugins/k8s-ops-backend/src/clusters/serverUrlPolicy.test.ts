import { parseOrThrow } from '../http/parseOrThrow';
import { checkServerUrl, serverUrlSchema } from './serverUrlPolicy';

const LINK_LOCAL = 'a link-local address (169.254.0.0/16)';
const IPV6_LINK_LOCAL = 'an IPv6 form of a link-local address (169.254.0.0/16)';
const METADATA = 'a cloud metadata service';

describe('checkServerUrl', () => {
  it.each([
    // IPv4 link-local, in every spelling the WHATWG parser accepts.
    ['https://169.254.169.254', LINK_LOCAL],
    ['https://169.254.169.254:443/latest/meta-data', LINK_LOCAL],
    ['https://169.254.0.1', LINK_LOCAL],
    ['https://169.254.255.255', LINK_LOCAL],
    ['https://169.254.169.254.', LINK_LOCAL],
    ['https://2852039166', LINK_LOCAL],
    ['https://0xa9fea9fe', LINK_LOCAL],
    ['https://0XA9FEA9FE', LINK_LOCAL],
    ['https://0xA9.0xFE.0xA9.0xFE', LINK_LOCAL],
    ['https://0251.0376.0251.0376', LINK_LOCAL],
    ['https://00000251.0376.0251.0376', LINK_LOCAL],
    ['https://0251.254.0xa9.254', LINK_LOCAL],
    ['https://169.254.43518', LINK_LOCAL],
    ['https://169.16689662', LINK_LOCAL],
    ['https://%31%36%39.254.169.254', LINK_LOCAL],
    ['https://１６９.２５４.１６９.２５４', LINK_LOCAL],
    ['https://169。254。169。254', LINK_LOCAL],
    ['http://169.254.169.254', LINK_LOCAL],
    // IPv6 link-local.
    ['https://[fe80::1]', 'a link-local address (fe80::/10)'],
    ['https://[FE80::a:b:c:d]:6443', 'a link-local address (fe80::/10)'],
    ['https://[febf:ffff::1]', 'a link-local address (fe80::/10)'],
    // IPv4 link-local carried in IPv6.
    ['https://[::ffff:169.254.169.254]', IPV6_LINK_LOCAL],
    ['https://[::ffff:a9fe:a9fe]', IPV6_LINK_LOCAL],
    ['https://[0:0:0:0:0:ffff:a9fe:a9fe]', IPV6_LINK_LOCAL],
    ['https://[0000:0000:0000:0000:0000:FFFF:A9FE:A9FE]', IPV6_LINK_LOCAL],
    ['https://[::169.254.169.254]', IPV6_LINK_LOCAL],
    ['https://[::ffff:0:169.254.169.254]', IPV6_LINK_LOCAL],
    ['https://[64:ff9b::169.254.169.254]', IPV6_LINK_LOCAL],
    ['https://[64:ff9b:1::a9fe:a9fe]', IPV6_LINK_LOCAL],
    ['https://[2002:a9fe:a9fe::1]', IPV6_LINK_LOCAL],
    ['https://[::ffff:100.100.100.200]', 'an IPv6 form of the Alibaba Cloud'],
    // Metadata services by address.
    ['https://[fd00:ec2::254]', 'AWS instance metadata service'],
    ['https://[fd00:0ec2:0:0:0:0:0:254]:443', 'AWS instance metadata service'],
    ['https://100.100.100.200', 'Alibaba Cloud metadata service'],
    ['https://0x64.0x64.0x64.0xc8', 'Alibaba Cloud metadata service'],
    // Metadata services by name.
    ['https://metadata.google.internal', METADATA],
    ['https://METADATA.Google.Internal.', METADATA],
    ['https://metadata', METADATA],
    ['https://metadata.', METADATA],
    ['https://%6Detadata.goog', METADATA],
    ['https://ｍｅｔａｄａｔａ.google.internal', METADATA],
    ['https://metadata.tencentyun.com', METADATA],
    ['https://instance-data', METADATA],
    ['https://instance-data.ec2.internal', METADATA],
    ['https://Instance-Data.EC2.Internal..', METADATA],
  ])('refuses %s: %s', (server, reason) => {
    const check = checkServerUrl(server, { allowHttp: true });
    expect(check).toEqual({ problem: expect.stringMatching(/^points at /) });
    expect('problem' in check && check.problem).toContain(reason);
  });

  it.each([
    ['http://k8s.example.com', {}, 'must use https://'],
    ['ftp://k8s.example.com', {}, 'must be an https:// URL'],
    ['file:///etc/passwd', { allowHttp: true }, 'must be an https:// URL'],
    ['gopher://k8s.example.com', {}, 'must be an https:// URL'],
    ['k8s.example.com:6443', {}, 'must be an https:// URL'],
    ['//k8s.example.com', {}, 'is not a valid URL'],
    ['https://exa mple.com', {}, 'is not a valid URL'],
    ['https://[fe80::1%25eth0]', {}, 'is not a valid URL'],
    ['https://admin:hunter2@k8s.example.com', {}, 'user name or password'],
    ['https://token@k8s.example.com', {}, 'user name or password'],
  ])('refuses %s with %j: %s', (server, policy, problem) => {
    const check = checkServerUrl(server, policy);
    expect('problem' in check && check.problem).toContain(problem);
  });

  it.each([
    ['https://127.0.0.1:6443', 'https://127.0.0.1:6443'],
    ['https://10.0.0.1', 'https://10.0.0.1'],
    ['https://169.253.255.255', 'https://169.253.255.255'],
    ['https://169.255.0.1', 'https://169.255.0.1'],
    ['https://100.100.100.201', 'https://100.100.100.201'],
    ['https://[::1]:6443', 'https://[::1]:6443'],
    ['https://[::]', 'https://[::]'],
    ['https://[fec0::1]', 'https://[fec0::1]'],
    ['https://[fd00:ec2::253]', 'https://[fd00:ec2::253]'],
    ['https://[::ffff:10.0.0.1]', 'https://[::ffff:a00:1]'],
    ['https://[2001:db8::1]', 'https://[2001:db8::1]'],
    ['https://metadata.example.com', 'https://metadata.example.com'],
    ['https://my-metadata', 'https://my-metadata'],
    ['https://kubernetes.default.svc', 'https://kubernetes.default.svc'],
    ['https://K8S.Example.COM:6443/', 'https://k8s.example.com:6443'],
    ['https://k8s.example.com:443', 'https://k8s.example.com'],
    ['  https://k8s.example.com  ', 'https://k8s.example.com'],
    [
      'https://rancher.example.com/k8s/clusters/c-abc/',
      'https://rancher.example.com/k8s/clusters/c-abc',
    ],
    ['https://0x7f.1:6443', 'https://127.0.0.1:6443'],
  ])('accepts %s as %s', (server, canonical) => {
    expect(checkServerUrl(server)).toEqual({ url: canonical });
  });

  it('accepts plain http only when allowHttp is set', () => {
    expect(checkServerUrl('http://localhost:8080')).toHaveProperty('problem');
    expect(
      checkServerUrl('http://localhost:8080', { allowHttp: true }),
    ).toEqual({ url: 'http://localhost:8080' });
  });
});

describe('serverUrlSchema', () => {
  it.each([
    [undefined, 'url: required; the API server URL'],
    [6443, 'url: required; the API server URL'],
    ['   ', 'url: required; the API server URL'],
    ['https://169.254.169.254', 'url: points at 169.254.169.254'],
  ])('refuses %j, naming the field', (value, message) => {
    expect(() =>
      parseOrThrow(serverUrlSchema({}), value, { lead: '', path: ['url'] }),
    ).toThrow(message);
  });

  it('returns the canonical URL', () => {
    expect(parseOrThrow(serverUrlSchema({}), 'https://K8S.example.com/')).toBe(
      'https://k8s.example.com',
    );
  });
});
