import { useNow } from '../hooks/useNow';
import { formatSeconds } from '../status/describe-executor';

/** What the editor says while the files are read from IndexedDB (normally a few milliseconds). */
export function LoadingFiles({ since }: { since: number }) {
  const now = useNow(true, 100);
  return (
    <p className="empty" role="status">
      Reading your workflow files from IndexedDB… {formatSeconds(now - since)}
    </p>
  );
}
