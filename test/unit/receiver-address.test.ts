import { describe, expect, it } from 'vitest';
import { isPublicAddress, privateHostProblem } from '../../src/webhooks/receiver-address.ts';

describe('webhook receiver addresses', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.9', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false], // cloud metadata
    ['100.64.0.1', false], // carrier-grade NAT
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false], // IPv4 loopback written as IPv6
    ['::ffff:10.0.0.1', false],
    ['not an address', false],
    ['8.8.8.8', true],
    ['114.114.114.114', true],
    ['2400:3200::1', true],
    ['::ffff:8.8.8.8', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('refuses hosts written as private addresses or naming this machine, and lets names through to the connection check', () => {
    expect(privateHostProblem('127.0.0.1')).toMatch(/not a public address/);
    expect(privateHostProblem('[::1]')).toMatch(/not a public address/);
    expect(privateHostProblem('[::ffff:a00:1]')).toMatch(/not a public address/);
    expect(privateHostProblem('localhost')).toMatch(/this machine/);
    expect(privateHostProblem('LOCALHOST.')).toMatch(/this machine/);
    expect(privateHostProblem('api.localhost')).toMatch(/this machine/);
    expect(privateHostProblem('8.8.8.8')).toBeNull();
    expect(privateHostProblem('[2400:3200::1]')).toBeNull();
    expect(privateHostProblem('hooks.example.com')).toBeNull();
  });
});
