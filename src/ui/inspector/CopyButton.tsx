import { useState } from 'react';
import type { Json } from '../../engine';

/** Copies a JSON value (pretty-printed) to the clipboard and says whether it worked. */
export function CopyButton({ value, label = 'Copy' }: { value: Json; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | string>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(JSON.stringify(value, null, 2));
      setState('copied');
    } catch (e) {
      setState(e instanceof Error ? `Copy failed: ${e.message}` : 'Copy failed');
    }
  };
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => void copy()}
      onBlur={() => setState('idle')}
      title={state === 'idle' || state === 'copied' ? 'Copy as JSON' : state}
    >
      {state === 'copied' ? 'Copied' : state === 'idle' ? label : 'Copy failed'}
    </button>
  );
}
