/** Small promise helpers shared by the engine. @internal */

/** A promise that never settles: what a stopped run's calls return. */
export const NEVER = new Promise<never>(() => {});

/** A promise with its resolve/reject exposed (`Promise.withResolvers` needs Node 22). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Calls a host callback, ignoring its errors: a misbehaving callback must not break the engine. */
export function safely(cb: () => void): void {
  try {
    cb();
  } catch {
    // deliberately ignored, see above
  }
}

/** Runs `cb` after `turns` host deferrals. */
export function afterTurns(defer: (cb: () => void) => void, turns: number, cb: () => void): void {
  if (turns <= 0) cb();
  else defer(() => afterTurns(defer, turns - 1, cb));
}
