import type { CallView } from './instance-view';
import type { CallKind } from './journal';

/**
 * Calls of one generation by (kind, name, count), looked up without building a key string: replay does a
 * lookup per call and the reducer one per call event, so this path allocates nothing. @internal
 */
export class CallIndex {
  private readonly byKind: Record<CallKind, Map<string, CallView[]>> = {
    do: new Map(),
    sleep: new Map(),
    wait: new Map(),
  };

  /** An index of `calls`. */
  static of(calls: readonly CallView[]): CallIndex {
    const index = new CallIndex();
    for (const call of calls) index.add(call);
    return index;
  }

  get(kind: CallKind, name: string, count: number): CallView | undefined {
    return this.byKind[kind].get(name)?.[count - 1];
  }

  add(call: CallView): void {
    const byName = this.byKind[call.kind];
    const list = byName.get(call.name);
    if (list) list[call.count - 1] = call;
    else byName.set(call.name, call.count === 1 ? [call] : Object.assign([], { [call.count - 1]: call }));
  }
}
