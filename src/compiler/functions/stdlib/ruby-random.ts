// Ruby's Random (MT19937 seeded by init_by_array with the seed's 32-bit words, least significant
// first) and Random#rand(n), so fqdn_rotate rotates exactly as stdlib does under Puppet:
// offset = Random.new(MD5(fqdn:seeds).hex).rand(size).

import { createHash } from 'node:crypto';

class MersenneTwister {
  private readonly mt = new Uint32Array(624);
  private index = 625;

  constructor(key: number[], singleWord: boolean) {
    if (singleWord) {
      // A one-word seed seeds init_genrand directly (Ruby 3's rand_mt_init).
      this.initGenrand(key[0]);
      this.index = 624;
      return;
    }
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = 624;
  }

  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(prev, 1812433253) + i) >>> 0;
    }
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < 624; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
      mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

/** `Random.new(seed).rand(max)` for a non-negative bigint seed and 0 < max < 2**32. */
export function rubyRandom(seed: bigint, max: number): number {
  const words: number[] = [];
  for (let rest = seed; rest > 0n; rest >>= 32n) words.push(Number(rest & 0xffffffffn));
  if (!words.length) words.push(0);
  // Ruby drops a most significant word of exactly 1 (its leading-zero guard) for multi-word seeds.
  if (words.length > 1 && words[words.length - 1] === 1) words.pop();
  const mt = new MersenneTwister(words, words.length === 1);
  // Ruby's limited_rand: mask to the limit's bit width, retry while above it.
  const limit = max - 1;
  if (limit === 0) return 0;
  let mask = limit;
  for (let shift = 1; shift <= 16; shift <<= 1) mask |= mask >>> shift;
  mask >>>= 0;
  for (;;) {
    const value = (mt.nextUint32() & mask) >>> 0;
    if (value <= limit) return value;
  }
}

/** The seed stdlib and Puppet use: MD5 of `[fqdn, *seeds].join(':')` read as a hex number. */
export function fqdnSeed(fqdn: string, seeds: string[]): bigint {
  // Ruby's [fqdn, seeds].join(':') flattens: no seeds still leaves the separator ("fqdn:").
  const text = `${fqdn}:${seeds.join(':')}`;
  return BigInt(`0x${createHash('md5').update(text).digest('hex')}`);
}
