/**
 * Where a webhook may be sent. An admin's URL makes the worker send requests
 * from Cloudflare's network, so it must not name this site's own private
 * neighbours: no loopback, private, link-local or shared (CGNAT) address, no
 * local-only name. A name that resolves to such an address is the platform's
 * to refuse; literals and well-known local names are refused here, when the
 * URL is saved and again at each delivery (a changed setting must not leak).
 */

/** Why `url` may not receive webhooks, or undefined if it may. `allowPrivate` is for local development. */
export function addressRefusal(url: string, allowPrivate: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  const schemes = allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(parsed.protocol)) return "must start with https://";
  if (parsed.username || parsed.password) return "must carry no user name or password";
  if (allowPrivate) return undefined;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) {
    const groups = ipv6Groups(host.slice(1, -1));
    if (!groups || privateIpv6(groups)) return "must not be a private, loopback or link-local IPv6 address";
    return undefined;
  }
  const ipv4 = ipv4Bytes(host);
  if (ipv4)
    return privateIpv4(ipv4) ? "must not be a private, loopback or link-local IPv4 address" : undefined;
  if (host === "localhost" || host.endsWith(".localhost")) return "must not be localhost";
  if (/\.(?:internal|local|home\.arpa)$/.test(host) || host === "internal" || host === "local") {
    return "must be a public name, not a local one (.internal, .local)";
  }
  if (!host.includes(".")) return "must be a public name with a dot, not a single-label one";
  return undefined;
}

/** The four bytes of a dotted IPv4 address, as WHATWG URL normalizes every form of one. */
function ipv4Bytes(host: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return match?.slice(1).map(Number);
}

/** [first address, prefix length] of the IPv4 ranges that are not the public Internet. */
const IPV4_RANGES: [number[], number][] = [
  [[0, 0, 0, 0], 8], // "this network", with the unspecified address
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // shared address space (CGNAT)
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local, with cloud metadata services
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // protocol assignments
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[224, 0, 0, 0], 3], // multicast, reserved and broadcast
];

function inRange(bytes: number[], [first, length]: [number[], number]): boolean {
  for (let bit = 0; bit < length; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (first[bit >> 3] & mask)) return false;
  }
  return true;
}

function privateIpv4(bytes: number[]): boolean {
  return IPV4_RANGES.some((range) => inRange(bytes, range));
}

/** The eight 16-bit groups of an IPv6 address (as URL writes it: compressed, hex, maybe a dotted tail). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = ipv4Bytes(dotted[1]);
    if (!bytes) return undefined;
    const tail = `${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;
    text = text.slice(0, -dotted[1].length) + tail;
  }
  const [head, rest] = text.split("::");
  const parts = (side?: string) => (side ? side.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const before = parts(head);
  const after = parts(rest);
  const groups =
    rest === undefined ? before : [...before, ...Array(8 - before.length - after.length).fill(0), ...after];
  return groups.length === 8 && groups.every((group) => group >= 0 && group <= 0xffff) ? groups : undefined;
}

function privateIpv6(groups: number[]): boolean {
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // Unspecified, loopback and the deprecated IPv4-compatible form (::a.b.c.d).
  if (zeroUpTo(6)) return true;
  // IPv4-mapped (::ffff:a.b.c.d): an IPv4 address in disguise, refused whatever it maps.
  if (zeroUpTo(5) && groups[5] === 0xffff) return true;
  const first = groups[0];
  return (
    (first & 0xfe00) === 0xfc00 || // unique local
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xffc0) === 0xfec0 || // site-local, deprecated
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && groups[1] === 0x0db8) || // documentation
    (first === 0x64 && groups[1] === 0xff9b) // NAT64: reaches IPv4 through a translator
  );
}
