/** Pieces the fake main process and the fake page share. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Handler = (...args: unknown[]) => unknown;

/** Electron's IPC copies values by structured clone, both ways. */
export const cloned = <T>(v: T): T => structuredClone(v);

/** A member Electron has that the stand-in does not: fail loudly rather than hand back undefined. */
export function strict<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || key in t || key === '__esModule' || key === 'default' || key === 'then')
        return Reflect.get(t, key, receiver) as unknown;
      throw new Error(
        `The fake ${what} has no "${key}": teach tests/support/fakeElectron.ts what Electron does.`,
      );
    },
  });
}
