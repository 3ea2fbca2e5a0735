import { useEffect } from 'react';
import { openLessonFromLocation } from './learn-actions';

/** `#learn/<id>` opens that lesson: on load (once the files are read) and when the fragment changes. */
export function useLearnLinks(): void {
  useEffect(() => {
    const open = () => void openLessonFromLocation();
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}
