/**
 * What the Send event dialog's payload starts with for an event type: the payload last sent to that type
 * (remembered across instances and reloads), else the last one this instance was sent, else the example a
 * sample declares for that type, else `{}`. Pure.
 */
import type { SentEventView } from '../../engine';

/** The payload text last sent per event type. */
export type LastPayloads = Readonly<Record<string, string>>;

/** Where the prefill came from, for the dialog to say. */
export type PrefillSource = 'last-sent' | 'instance' | 'sample' | 'empty';

/** The payload text to prefill for `type`, and where it came from. */
export function eventPayloadPrefill(
  type: string,
  sources: {
    lastSent: LastPayloads;
    instanceEvents: readonly SentEventView[];
    samples: readonly { event?: { type: string; payload: string } }[];
  },
): { text: string; source: PrefillSource } {
  const t = type.trim();
  const remembered = Object.hasOwn(sources.lastSent, t) ? sources.lastSent[t] : undefined;
  if (remembered !== undefined) return { text: remembered, source: 'last-sent' };
  const sent = sources.instanceEvents.findLast((e) => e.type === t);
  if (sent) return { text: JSON.stringify(sent.payload, null, 2), source: 'instance' };
  const example = sources.samples.find((s) => s.event?.type === t)?.event;
  if (example) return { text: example.payload, source: 'sample' };
  return { text: '{}', source: 'empty' };
}
