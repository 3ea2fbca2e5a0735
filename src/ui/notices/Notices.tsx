import { useEffect } from 'react';
import { appStore, type Notice, selectNotices, useAppStore } from '../../store';

/** Info notices go away by themselves after this long; errors stay until dismissed. */
const INFO_MS = 5000;

function NoticeItem({ notice }: { notice: Notice }) {
  useEffect(() => {
    if (notice.tone !== 'info') return;
    const id = setTimeout(() => appStore.getState().dismissNotice(notice.id), INFO_MS);
    return () => clearTimeout(id);
  }, [notice]);
  return (
    <li
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
