// Ruby's Random (MT19937 seeded like Random.new(integer)) and its rand(max) for integers, so that
// fqdn_rand gives the very numbers Puppet gives on the same node.

const N = 624;
const M = 397;

class MersenneTwister {
  private readonly state = new Uint32Array(N);
  private index = N + 1;

  initGenrand(seed: number): void {
    this.state[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.state[i - 1] ^ (this.state[i - 1] >>> 30);
      this.state[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  initByArray(key: number[]): void {
    this.initGenrand(19650218);
    const mt = this.state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.state;
    for (let k = 0; k < N; k++) {
      const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      mt[k] = (mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
    }
    this.index = 0;
  }

  int32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

/** `Random.new(seed)`: the seed's 32-bit words, least significant first, as Ruby packs them. */
function seeded(seed: bigint): MersenneTwister {
  const words: number[] = [];
  for (let rest = seed < 0n ? -seed : seed; rest > 0n; rest >>= 32n) words.push(Number(rest & 0xffffffffn));
  const mt = new MersenneTwister();
  if (words.length <= 1) mt.initGenrand(words[0] ?? 0);
  else mt.initByArray(words);
  return mt;
}

/** `Random.new(seed).rand(max)` for 0 < max < 2^64 (Ruby's limited_rand with retries). */
export function rubyRandomInt(seed: bigint, max: bigint): bigint {
  const mt = seeded(seed);
  const limit = max - 1n;
  if (limit <= 0n) return 0n;
  let mask = limit;
  for (let shift = 1n; shift <= 32n; shift *= 2n) mask |= mask >> shift;
  for (;;) {
    let value = 0n;
    let rejected = false;
    for (let word = 1n; word >= 0n; word--) {
      if (((mask >> (word * 32n)) & 0xffffffffn) === 0n) continue;
      value |= BigInt(mt.int32()) << (word * 32n);
      value &= mask;
      if (limit < value) {
        rejected = true;
        break;
      }
    }
    if (!rejected) return value;
  }
}
