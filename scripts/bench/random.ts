/**
 * A small seeded random generator (sfc32) and the sampling helpers the bench
 * dataset needs. Same seed, same dataset: nothing here reads Math.random.
 */

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A standard normal value (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal weight with median 1: a few things get much more attention than most. */
  heavy(sigma = 1): number {
    return Math.exp(sigma * this.normal());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** 24 characters from the session alphabet (as generateSecureRandomString, but seeded). */
  id24(): string {
    const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    let out = "";
    for (let i = 0; i < 24; i++) out += alphabet[this.int(32)];
    return out;
  }
}

/** Picks indexes in proportion to their weights (cumulative sums + binary search). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  pick(random: Random): number {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * Splits `total` over items in proportion to `weights`, each at most `cap`
 * (largest remainders first, then what the caps cut off goes to the others).
 */
export function apportion(total: number, weights: ArrayLike<number>, cap = Infinity): Int32Array {
  const n = weights.length;
  const counts = new Int32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  let given = 0;
  const remainders: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]!) / sum;
    const whole = Math.min(cap, Math.floor(exact));
    counts[i] = whole;
    given += whole;
    if (whole < cap) remainders.push([exact - whole, i]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  let left = total - given;
  // Hand out what is left one by one, cycling over the items that still have room.
  while (left > 0) {
    let progressed = false;
    for (const [, i] of remainders) {
      if (left === 0) break;
      if (counts[i]! < cap) {
        counts[i]! += 1;
        left -= 1;
        progressed = true;
      }
    }
    if (!progressed) throw new Error(`apportion: ${total} does not fit under a cap of ${cap} per item`);
  }
  return counts;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A walk over 0..size-1 that never repeats (a random start and a random step
 * coprime to size): distinct picks without a set.
 */
export function distinctWalk(random: Random, size: number): () => number {
  let step = 1 + random.int(size - 1);
  while (gcd(step, size) !== 1) step = 1 + random.int(size - 1);
  let at = random.int(size);
  return () => {
    const value = at;
    at = (at + step) % size;
    return value;
  };
}
