import { describe, expect, it } from 'vitest';
import { classifyMessage, isDowngrade, MessageClass } from '../../src/classify/classify-message.js';
import { canonicalAddress, NO_POLICY, parseAllow } from '../../src/classify/policy.js';
import { Service, serviceOf } from '../../src/classify/service.js';

const query = { service: Service.Dns, onLoopback: false, isResponse: false, server: '198.51.100.53', interfaceName: 'eth0' } as const;

describe('classifyMessage', () => {
  it('counts loopback DNS as stub, whatever the policy', () => {
    expect(classifyMessage({ ...query, onLoopback: true }, NO_POLICY)).toBe(MessageClass.Stub);
  });
  it('flags plaintext DNS off loopback as a leak', () => {
    expect(classifyMessage(query, NO_POLICY)).toBe(MessageClass.Leak);
    expect(classifyMessage({ ...query, isResponse: true }, NO_POLICY)).toBe(MessageClass.Leak);
  });
  it('allows a sanctioned server or interface, but only that one', () => {
    expect(classifyMessage(query, parseAllow(['198.51.100.53']))).toBe(MessageClass.Allowed);
    expect(classifyMessage(query, parseAllow(['198.51.100.54']))).toBe(MessageClass.Leak);
    expect(classifyMessage(query, parseAllow(['iface:eth0']))).toBe(MessageClass.Allowed);
    expect(classifyMessage(query, parseAllow(['iface:eth1']))).toBe(MessageClass.Leak);
  });
  it('treats link-local queries as leaks unless link-local is allowed, and their responses as neither', () => {
    const mdns = { ...query, service: Service.LinkLocal, server: '224.0.0.251' } as const;
    expect(classifyMessage(mdns, NO_POLICY)).toBe(MessageClass.Leak);
    expect(classifyMessage(mdns, parseAllow(['link-local']))).toBe(MessageClass.Allowed);
    expect(classifyMessage({ ...mdns, isResponse: true }, NO_POLICY)).toBe(MessageClass.Other);
    expect(classifyMessage(query, parseAllow(['link-local']))).toBe(MessageClass.Leak);
  });
  it('calls a plaintext query a downgrade only when its server carries DoT', () => {
    expect(isDowngrade('198.51.100.53', new Set(['198.51.100.53']))).toBe(true);
    expect(isDowngrade('198.51.100.53', new Set(['198.51.100.54']))).toBe(false);
  });
});

describe('parseAllow', () => {
  it('canonicalises IPv6 servers so any spelling matches the decoded form', () => {
    expect([...parseAllow(['2001:DB8:0:0::53']).servers]).toEqual(['2001:db8::53']);
    expect(canonicalAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalAddress('::FFFF:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(canonicalAddress('::')).toBe('::');
    expect(canonicalAddress('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
  });
  it('rejects anything else with a one-line usage error', () => {
    expect(() => parseAllow(['example.com'])).toThrow('--allow "example.com": expected an IP address, iface:NAME or link-local');
    expect(() => parseAllow(['iface:'])).toThrow(/expected an IP address/);
  });
});

describe('serviceOf', () => {
  it('filters by port before anything is decoded', () => {
    expect(serviceOf(17, 40000, 53)).toBe(Service.Dns);
    expect(serviceOf(6, 53, 40000)).toBe(Service.Dns);
    expect(serviceOf(6, 40000, 853)).toBe(Service.Encrypted);
    expect(serviceOf(17, 853, 40000)).toBe(Service.Encrypted);
    expect(serviceOf(17, 5353, 5353)).toBe(Service.LinkLocal);
    expect(serviceOf(17, 40000, 5355)).toBe(Service.LinkLocal);
    expect(serviceOf(6, 40000, 5355)).toBe(Service.None);
    expect(serviceOf(17, 40000, 443)).toBe(Service.None);
    expect(serviceOf(1, 0, 53)).toBe(Service.None);
  });
});
