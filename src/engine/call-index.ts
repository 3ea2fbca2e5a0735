import type { CallView } from './instance-view';
import type { CallKind, CallRef } from './journal';

/**
 * Everything about one call name of one kind: its journaled calls by count, and how many times the live run
 * has issued the name so far (which gives the next call's count). @internal
 */
export interface NameRecord {
  /** The journaled call with count 1, and those with count 2, 3, … (`rest[count − 2]`, rarely needed). */
  first: CallView | undefined;
  rest: Array<CallView | undefined> | undefined;
  /** The run that last issued this name, and how many times it did. */
  issuedRun: number;
  issued: number;
}

/**
 * Calls of one generation by (kind, name, count), plus the live run's per-name counters. Replay does one map
 * lookup per call here — the count, the journaled call and "did this run issue it" all come from one record —
 * and builds no key strings. @internal
 */
export class CallIndex {
  private readonly byKind: Record<CallKind, Map<string, NameRecord>> = {
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
    const record = this.byKind[kind].get(name);
    return record && callOf(record, count);
  }

  add(call: CallView): void {
    const record = this.record(call.kind, call.name);
    if (call.count === 1) record.first = call;
    else {
      record.rest ??= [];
      record.rest[call.count - 2] = call;
    }
  }

  /** The record of `name`, created if needed. */
  record(kind: CallKind, name: string): NameRecord {
    const byName = this.byKind[kind];
    let record = byName.get(name);
    if (!record) {
      record = { first: undefined, rest: undefined, issuedRun: 0, issued: 0 };
      byName.set(name, record);
    }
    return record;
  }

  /** Whether run `run` has issued the call `ref`. */
  issuedBy(ref: CallRef, run: number): boolean {
    const record = this.byKind[ref.kind].get(ref.name);
    return record !== undefined && record.issuedRun === run && record.issued >= ref.count;
  }
}

/** The journaled call of `record` with that count. */
export function callOf(record: NameRecord, count: number): CallView | undefined {
  return count === 1 ? record.first : record.rest?.[count - 2];
}
