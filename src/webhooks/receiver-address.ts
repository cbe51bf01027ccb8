import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Webhook receivers must be on the public internet. A subscriber names the
 * URL and the service's workers POST to it: without this check any API
 * client could make them post signed requests to the service's own
 * network — its database, its Redis, a cloud metadata address (SSRF).
 *
 * Checked twice: when a subscription is made (an address written as an IP,
 * or localhost), and when each delivery connects — the host name is
 * resolved by the connection itself and only public addresses are used, so
 * a name that resolves to a private address, or is changed to one after
 * the check (DNS rebinding), is refused at the moment it matters.
 * WEBHOOK_PRIVATE_RECEIVERS turns both off (development, tests, a receiver
 * on the same private network on purpose).
 */

/** Whether an IP address is public unicast: not private, loopback, link-local, CGNAT, multicast, reserved, …. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** Why a receiver's host name is not acceptable as written (an IP literal or localhost), or null. */
export function privateHostProblem(hostname: string): string | null {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) !== 0) return isPublicAddress(host) ? null : `${host} is not a public address`;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return `${host} is this machine`;
  return null;
}

export class PrivateReceiverError extends Error {
  readonly code = 'EPRIVATERECEIVER';
}

type Resolve = (hostname: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/** A connection's lookup that keeps only the public addresses `resolve` gives; fails when none is left. */
export function publicLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const usable = addresses.filter((a) => isPublicAddress(a.address) && (!options.family || a.family === options.family));
      if (usable.length === 0) {
        return callback(new PrivateReceiverError(`${hostname} resolves to no public address (${addresses.map((a) => a.address).join(', ')})`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/**
 * The fetch webhook deliveries use: the platform's when private receivers
 * are allowed; otherwise one whose connections reach public addresses only.
 */
export function receiverFetch(allowPrivate: boolean, resolve?: Resolve): typeof fetch {
  if (allowPrivate) return globalThis.fetch;
  const dispatcher = new Agent({ connect: { lookup: publicLookup(resolve) } });
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    // An address written as an IP is connected to without a lookup: checked here.
    const problem = privateHostProblem(url.hostname);
    if (problem) throw new TypeError('fetch failed', { cause: new PrivateReceiverError(problem) });
    return undiciFetch(url, { ...init, dispatcher });
  };
}
