import { useTimeScrubber } from './useTimeScrubber';

/**
 * Time travel over journal sequence numbers. A native range input: with focus, ←/→ step one event,
 * PageUp/PageDown jump, Home/End go to the first event / back to live.
 */
export function TimeScrubber() {
  const { model, moveTo, goLive } = useTimeScrubber();
  if (!model) return null;
  return (
    <div className={model.live ? 'scrubber' : 'scrubber scrubber--travel'}>
      <input
        type="range"
        className="scrubber__range"
        min={1}
        max={model.lastSeq}
        step={1}
        value={model.value}
        onChange={(e) => moveTo(Number(e.currentTarget.value))}
        aria-label="Journal position (time travel)"
        aria-valuetext={model.position}
        data-testid="time-scrubber"
      />
      <div className="scrubber__info" aria-live="polite">
        <span className="scrubber__position" data-testid="travel-indicator">
          {model.live ? '● ' : '◀ '}
          {model.position}
        </span>
        {!model.live && (
          <button type="button" className="scrubber__live" onClick={goLive} data-testid="travel-live">
            Back to live
          </button>
        )}
        <span className="scrubber__event" title={model.event}>
          {model.event}
        </span>
      </div>
    </div>
  );
}
