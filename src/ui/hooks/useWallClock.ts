import { useEffect, useState } from 'react';

/** `Date.now()` (the engine's real clock), refreshed every `intervalMs` while `active`, for live countdowns. */
export function useWallClock(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return now;
}
