import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { appStore } from '../../store';

interface DialogProps {
  title: string;
  /** Called on submit (Enter in a field, the primary button, or Ctrl/Cmd+Enter). */
  onSubmit?: () => void;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}

const close = () => appStore.getState().closeDialog();

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Where Tab goes when it would leave the dialog: from the last control back to the first (Shift+Tab: the
 * other way round). A modal `<dialog>` makes the page inert, but Tab can still move to the browser's own UI.
 */
function wrapFocus(dialog: HTMLElement, active: Element | null, backwards: boolean): HTMLElement | null {
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return null;
  if (backwards && active === first) return last;
  if (!backwards && active === last) return first;
  return null;
}

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert (focus
 * stays inside), Esc closes it, and focus returns to where it was when it closes.
 */
export function Dialog({ title, onSubmit, footer, wide = false, testId, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit?.();
    } else if (e.key === 'Tab' && ref.current) {
      const next = wrapFocus(ref.current, document.activeElement, e.shiftKey);
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  };
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      data-testid={testId}
    >
      <form className="dialog__form" onSubmit={submit} onKeyDown={onKeyDown}>
        <header className="dialog__head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {footer && <footer className="dialog__foot">{footer}</footer>}
      </form>
    </dialog>
  );
}

/** The Cancel button of a dialog footer. */
export function CancelButton({ label = 'Cancel' }: { label?: string }) {
  return (
    <button type="button" className="button" onClick={close}>
      {label}
    </button>
  );
}
