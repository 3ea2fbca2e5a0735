import type { CallView, SentEventView } from '../../engine';
import { formatClock, formatDateTime } from '../format';
import { CopyButton } from './CopyButton';
import { JsonTree } from './JsonTree';
import { Facts, Section } from './Section';

/** An event sent to the instance: type, payload, time, and which wait took it. */
export function EventInspector({ event, consumer }: { event: SentEventView; consumer: CallView | null }) {
  const taken = consumer
    ? `by wait “${consumer.name}”${consumer.count > 1 ? ` #${consumer.count}` : ''}`
    : event.dropped
      ? 'dropped by a restart'
      : 'queued: no wait has taken it yet';
  return (
    <div className="inspector" data-testid="inspector-details">
      <header className="inspector__head">
        <span className="inspector__kind">event</span>
        <h2 className="inspector__name">{event.type}</h2>
      </header>
      <Section title="Event">
        <Facts
          rows={[
            ['type', event.type],
            ['sent at', `${formatDateTime(event.timestamp)} (${formatClock(event.timestamp)})`],
            ['journal seq', String(event.seq)],
            ['taken', taken],
          ]}
        />
      </Section>
      <Section title="Payload" actions={<CopyButton value={event.payload} />}>
        <JsonTree value={event.payload} />
      </Section>
    </div>
  );
}
