import { useEffect, useState } from 'react';
import { appStore, type Notice, selectNotices, useAppStore } from '../../store';
import { noticeLifetime } from './notice-lifetime';

/**
 * One notice. It goes by itself after its lifetime (`notice-lifetime.ts`) unless it waits for the user; the
 * clock starts again while the pointer or focus is on it, so a notice being read never vanishes.
 */
function NoticeItem({ notice }: { notice: Notice }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    const ms = noticeLifetime(notice);
    if (ms === null || held) return;
    const id = setTimeout(() => appStore.getState().dismissNotice(notice.id), ms);
    return () => clearTimeout(id);
  }, [notice, held]);
  return (
    <li
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      data-sticky={notice.sticky ? '' : undefined}
      className={`notice notice--${notice.tone}`}
      role={notice.tone === 'info' ? 'status' : 'alert'}
      data-testid="notice"
      data-tone={notice.tone}
    >
      <div className="notice__text">
        <p className="notice__title">{notice.title}</p>
        {notice.detail && <p className="notice__detail">{notice.detail}</p>}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => appStore.getState().dismissNotice(notice.id)}
      >
        ×
      </button>
    </li>
  );
}

/** What actions did or why they failed (verbatim), bottom right. */
export function Notices() {
  const notices = useAppStore(selectNotices);
  if (notices.length === 0) return null;
  return (
    <ol className="notices" aria-label="Notices">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </ol>
  );
}
