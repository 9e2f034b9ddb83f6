import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether an address is this machine's loopback: 127.0.0.0/8 or ::1, also written as an
 * IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, how a dual-stack socket reports an IPv4 peer).
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  const family = isIP(address ?? '');
  if (!address || family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
