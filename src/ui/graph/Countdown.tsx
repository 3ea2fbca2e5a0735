import { formatCountdown } from '../format';
import { useWallClock } from '../hooks/useWallClock';

const VERBS = { sleep: 'wakes in', retry: 'retry in', 'wait-timeout': 'timeout in' } as const;

/** A live countdown to a sleep's end, a retry, or a wait's timeout. */
export function Countdown({ at, kind }: { at: number; kind: keyof typeof VERBS }) {
  const now = useWallClock(true, 250);
  return (
    <span className="countdown" data-testid="countdown">
      {VERBS[kind]} {formatCountdown(at - now)}
    </span>
  );
}
