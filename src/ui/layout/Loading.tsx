import { useState } from 'react';
import { useNow } from '../hooks/useNow';
import { formatSeconds } from '../status/describe-executor';

/** An honest loading line: what is being loaded, and for how long so far (since `since`, or since shown). */
export function Loading({ what, since }: { what: string; since?: number }) {
  const [shownAt] = useState(() => performance.now());
  const now = useNow(true, 100);
  return (
    <p className="empty" role="status" data-testid="loading">
      {what}… {formatSeconds(now - (since ?? shownAt))}
    </p>
  );
}
