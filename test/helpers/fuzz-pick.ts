import fc from 'fast-check';

/** Draws values inside `fc.gen()`, so generators that depend on earlier draws read top-down. */
export interface Pick {
  int(min: number, max: number): number;
  /** True `percent` times in a hundred. */
  chance(percent: number): boolean;
  one<T>(list: readonly T[]): T;
  shuffle<T>(list: readonly T[]): T[];
  double(min: number, max: number): number;
  /** Any double, NaN and infinities included. */
  anyDouble(): number;
  /** Non-empty text; unicode when asked. */
  text(unicode?: boolean): string;
  json(): unknown;
}

export function picker(g: fc.GeneratorValue): Pick {
  return {
    int: (min, max) => g(fc.integer, { min, max }),
    chance: (percent) => g(fc.integer, { min: 0, max: 99 }) < percent,
    one: (list) => list[g(fc.integer, { min: 0, max: list.length - 1 })]!,
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = g(fc.integer, { min: 0, max: i });
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    double: (min, max) => g(fc.double, { min, max, noNaN: true, noDefaultInfinity: true }),
    anyDouble: () => g(fc.double),
    text: (unicode = false) => g(fc.string, { minLength: 1, maxLength: 12, unit: unicode ? 'grapheme' : 'grapheme-ascii' }),
    json: () => g(fc.jsonValue, { maxDepth: 2 }),
  };
}

/** Sets an own property, so that keys such as `__proto__` stay data, as the YAML loader keeps them. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keys that name properties every JavaScript object inherits: a `obj[key]` lookup finds them though nobody wrote them. */
export const INHERITED_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'] as const;
