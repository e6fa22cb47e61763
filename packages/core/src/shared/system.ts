/** Where "now" comes from; tests pass a fake one. */
export type Clock = { now(): Date };

/** Where new ids come from; tests pass a predictable one. */
export type Ids = {
  newId(prefix: IdPrefix): string;
  /**
   * A short, random order reference like `K7M2-9QX4` (40 bits). Random, not counted: a counter
   * would be one hot item for every checkout. The store refuses a number already taken.
   */
  newOrderNumber(): string;
};

/** `p_` product, `o_` order, `u_` user (guest shopper). */
export type IdPrefix = 'p' | 'o' | 'u';

export const systemClock: Clock = { now: () => new Date() };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYSTEM_ID = /^[a-z]_([0-9A-HJKMNP-TV-Z]{10})[0-9A-HJKMNP-TV-Z]{16}$/;

/** When an id of `createSystemIds` was made; null for an id of another shape. */
export const createdAtOfId = (id: string): Date | null => {
  const time = SYSTEM_ID.exec(id)?.[1];
  return time ? new Date([...time].reduce((ms, c) => ms * 32 + CROCKFORD.indexOf(c), 0)) : null;
};

/**
 * Random bytes drawn from the platform's CSPRNG a few kilobytes at a time. Each call of
 * `crypto.getRandomValues` costs about 20 µs on the machines here, whatever its size, and a
 * checkout needs three draws (order id, two halves of its number).
 */
const randomPool = (size = 4096) => {
  const pool = new Uint8Array(size);
  let used = size;
  return (n: number) => {
    if (used + n > size) {
      crypto.getRandomValues(pool);
      used = 0;
    }
    used += n;
    return pool.subarray(used - n, used);
  };
};

/**
 * Time-ordered ids (ULID layout: 10 characters of milliseconds, 16 of randomness), so sorting by
 * id sorts by creation time — lists page by id, newest first, without a second index. Within one
 * millisecond the random part is incremented, so ids from one process never go backwards.
 */
export const createSystemIds = (clock: Clock = systemClock): Ids => {
  let lastTime = -1;
  let lastRandom: number[] = [];
  const encodeTime = (ms: number) => {
    let out = '';
    for (let i = 0; i < 10; i++) {
      out = CROCKFORD[ms % 32] + out;
      ms = Math.floor(ms / 32);
    }
    return out;
  };
  const randomBytes = randomPool();
  const freshRandom = () => Array.from(randomBytes(16), (b) => b % 32);
  const increment = (digits: number[]) => {
    const next = [...digits];
    for (let i = next.length - 1; i >= 0; i--) {
      if (next[i]! < 31) {
        next[i]! += 1;
        return next;
      }
      next[i] = 0;
    }
    return freshRandom();
  };
  const randomDigits = (n: number) => Array.from(randomBytes(n), (b) => CROCKFORD[b % 32]).join('');
  return {
    newOrderNumber: () => `${randomDigits(4)}-${randomDigits(4)}`,
    newId(prefix) {
      const time = clock.now().getTime();
      lastRandom = time <= lastTime ? increment(lastRandom) : freshRandom();
      lastTime = Math.max(time, lastTime);
      return `${prefix}_${encodeTime(lastTime)}${lastRandom.map((d) => CROCKFORD[d]).join('')}`;
    },
  };
};
