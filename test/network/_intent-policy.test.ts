// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { _ipv4Contains, _nameFragment, _resolvePorts, _stableJson } from '../../src/network/_intent-policy';

describe('intent policy helpers', () => {
  test('ports are validated, de-duplicated and sorted by protocol then number', () => {
    expect(_resolvePorts({ ports: [{ port: 53, protocol: kplus.NetworkProtocol.UDP }, { port: 8443 }, { port: 80 }, { port: 80 }] }, 'm'))
      .toEqual([{ port: 80, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });

  test('allowAllPorts resolves to no port list', () => {
    expect(_resolvePorts({ allowAllPorts: true }, 'm')).toEqual([]);
  });

  test('throws without ports and without allowAllPorts', () => {
    expect(() => _resolvePorts({ allowAllPorts: false }, 'm')).toThrow(/m: no ports given/);
  });

  test('throws on a non-integer port', () => {
    expect(() => _resolvePorts({ ports: [{ port: 80.5 }] }, 'm')).toThrow(/Invalid port in m 80.5/);
  });

  test('IPv4 containment', () => {
    expect(_ipv4Contains('10.0.0.0/8', '10.96.0.0/12')).toBe(true);
    expect(_ipv4Contains('10.0.0.0/8', '11.0.0.0/16')).toBe(false);
    expect(_ipv4Contains('10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(_ipv4Contains('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
    expect(_ipv4Contains('0.0.0.0/0', '169.254.169.254/32')).toBe(true);
  });

  test('name fragments are DNS-label safe', () => {
    expect(_nameFragment('fd00::/8')).toBe('fd00-8');
    expect(_nameFragment('10.0.0.0/8')).toBe('10-0-0-0-8');
  });

  test('stable JSON ignores key order', () => {
    expect(_stableJson({ b: 1, a: { d: 2, c: undefined } })).toBe(_stableJson({ a: { d: 2 }, b: 1 }));
  });
});
