import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { ToolbarItem } from './toolbar-items';
import { MORE_ATTR } from './useToolbarOverflow';

/** Focuses item `i` of the menu (wrapping around at both ends). */
function focusMenuItem(menu: HTMLElement | null, i: number): void {
  const all = menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
  if (!all || all.length === 0) return;
  all[(i + all.length) % all.length]?.focus();
}

/**
 * "More ▾": the toolbar actions that did not fit, as a menu. Keyboard: Enter, Space or ↓ opens it on the first
 * item; ↑/↓, Home/End move; Enter runs; Esc (or Tab) closes it and gives focus back to the button. An illegal
 * action stays listed, disabled, with the reason under its name.
 */
export function OverflowMenu({ items }: { items: readonly ToolbarItem[] }) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState({ top: 0, right: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const focusItem = (i: number) => focusMenuItem(menu.current, i);
  const show = () => {
    const r = button.current?.getBoundingClientRect();
    if (r) setPlace({ top: r.bottom + 4, right: Math.max(4, window.innerWidth - r.right) });
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    focusMenuItem(menu.current, 0);
    const away = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusItem(moves[e.key]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  if (items.length === 0) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        className="tool-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'toolbar-more-menu' : undefined}
        title={`More actions: ${items.map((i) => i.label).join(', ')}`}
        data-testid="toolbar-more"
        {...{ [MORE_ATTR]: '' }}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            show();
          }
        }}
      >
        More ▾
      </button>
      {open && (
        <div
          ref={menu}
          id="toolbar-more-menu"
          role="menu"
          aria-label="More actions"
          className="toolbar-menu"
          style={{ top: place.top, right: place.right }}
          onKeyDown={onMenuKey}
          data-testid="toolbar-more-menu"
        >
          {items.map((item) => {
            const disabled = !item.legality.ok;
            return (
              <button
                key={item.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={`toolbar-menu__item${item.variant === 'danger' ? ' toolbar-menu__item--danger' : ''}`}
                aria-disabled={disabled}
                title={item.legality.ok ? item.hint : item.legality.reason}
                data-testid={item.testId}
                onClick={() => {
                  if (disabled) return;
                  close(true);
                  item.onSelect();
                }}
              >
                <span>{item.label}</span>
                {!item.legality.ok && <span className="toolbar-menu__why">{item.legality.reason}</span>}
              </button>
            );
          })}
        </div>
      )}
    </>
  );
}
