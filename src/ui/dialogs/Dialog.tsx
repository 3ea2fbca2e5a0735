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
