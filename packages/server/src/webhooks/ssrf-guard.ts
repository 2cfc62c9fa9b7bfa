import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/** `allow`: any address but cloud metadata; `deny`: public addresses only (TESSERA_WEBHOOK_PRIVATE_TARGETS). */
export type PrivateTargets = 'allow' | 'deny';

/** A webhook target refused by the address policy: never retried. */
export class TargetRefusedError extends Error {
  readonly code = 'ERR_WEBHOOK_TARGET_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

/** Cloud metadata services (AWS, ECS/EKS, GCP/Azure share 169.254.169.254, Alibaba): always refused. */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '100.100.100.200',
  'fd00:ec2::254',
  'fd00:ec2::23',
]);

type Bytes = readonly number[];

/** Private, loopback, link-local, CGNAT, reserved and multicast IPv4 ranges. */
const PRIVATE_V4: readonly [Bytes, number][] = [
  [[0, 0, 0, 0], 8],
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[224, 0, 0, 0], 4],
  [[240, 0, 0, 0], 4],
];

/** Unspecified, loopback, unique-local, link-local and multicast IPv6 ranges. */
const PRIVATE_V6: readonly [Bytes, number][] = [
  [[...Array(16).fill(0)], 128],
  [[...Array(15).fill(0), 1], 128],
  [[0xfc, ...Array(15).fill(0)], 7],
  [[0xfe, 0x80, ...Array(14).fill(0)], 10],
  [[0xff, ...Array(15).fill(0)], 8],
];

function inRange(address: Bytes, [network, bits]: readonly [Bytes, number]): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((address[bit / 8] ?? 0) & mask) !== ((network[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** An IPv6 address (zone id dropped, embedded IPv4 allowed) → 16 bytes, or null. */
function parseIpv6(text: string): number[] | null {
  let address = text.split('%')[0] ?? '';
  if (isIP(address) !== 6) return null;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const v4 = parseIpv4(dotted[2] ?? '');
    if (!v4) return null;
    const word = (high: number, low: number) => ((high << 8) | low).toString(16);
    address = `${dotted[1]}${word(v4[0]!, v4[1]!)}:${word(v4[2]!, v4[3]!)}`;
  }
  const [head = '', rest] = address.split('::');
  const headWords = head === '' ? [] : head.split(':');
  const restWords = rest === undefined || rest === '' ? [] : rest.split(':');
  const gap = rest === undefined ? 0 : 8 - headWords.length - restWords.length;
  const words = [...headWords, ...Array<string>(Math.max(0, gap)).fill('0'), ...restWords].map((w) =>
    Number.parseInt(w, 16),
  );
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address an IPv6 one stands for: mapped (::ffff:a.b.c.d), compatible, or NAT64. */
function embeddedIpv4(bytes: Bytes): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const last = bytes.slice(12, 16) as number[];
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return last;
  if (zeros(0, 12) && !(zeros(12, 15) && (bytes[15] === 0 || bytes[15] === 1))) return last;
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12))
    return last;
  return null;
}

const METADATA_V6 = [...METADATA_ADDRESSES].flatMap((a) => {
  const bytes = parseIpv6(a);
  return bytes ? [bytes] : [];
});

function isMetadata(v4: Bytes | null, v6: Bytes | null): boolean {
  if (v4) return METADATA_ADDRESSES.has(v4.join('.'));
  return v6 !== null && METADATA_V6.some((bytes) => bytes.every((b, i) => b === v6[i]));
}

/** Why the policy refuses this literal address, or null when it may be called. */
export function refusedAddressReason(address: string, policy: PrivateTargets): string | null {
  const v6 = parseIpv6(address);
  const v4 = v6 ? embeddedIpv4(v6) : parseIpv4(address);
  if (!v4 && !v6) return `${address} is not an IP address`;
  if (isMetadata(v4, v6)) return `${address} is a cloud metadata address`;
  if (policy === 'allow') return null;
  const ranges = v4
    ? PRIVATE_V4.some((range) => inRange(v4, range))
    : PRIVATE_V6.some((range) => inRange(v6!, range));
  return ranges ? `${address} is a private address` : null;
}

function refusal(host: string, address: string, policy: PrivateTargets): TargetRefusedError | null {
  const reason = refusedAddressReason(address, policy);
  if (reason === null) return null;
  const via = host === address ? '' : ` (${host} resolves to it)`;
  const hint = reason.includes('metadata') ? '' : '; TESSERA_WEBHOOK_PRIVATE_TARGETS=deny';
  return new TargetRefusedError(`Refused webhook target: ${reason}${via}${hint}`);
}

/** Throws TargetRefusedError when the URL's host is a literal address the policy refuses. */
export function checkLiteralTarget(url: URL, policy: PrivateTargets): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) return;
  const refused = refusal(host, host, policy);
  if (refused) throw refused;
}

/**
 * A `lookup` for node:http(s) that resolves the host and refuses it when any of its addresses
 * is refused, so the connection goes to the address checked (no window for DNS rebinding).
 */
export function guardedLookup(policy: PrivateTargets): LookupFunction {
  return ((hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, found) => {
      const done = callback as (
        error: Error | null,
        address: string | LookupAddress[],
        family?: number,
      ) => void;
      if (error) return done(error, '', 0);
      const addresses = found as LookupAddress[];
      for (const entry of addresses) {
        const refused = refusal(hostname, entry.address, policy);
        if (refused) return done(refused, '', 0);
      }
      const first = addresses[0];
      if (!first) return done(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return done(null, addresses);
      return done(null, first.address, first.family);
    });
  }) as LookupFunction;
}
