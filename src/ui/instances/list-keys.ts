/** The row index the key moves the selection to in a list, or null when the key does not move it. */
export function nextSelection(key: string, rows: readonly { id: string }[], selectedId: string | null): number | null {
  if (rows.length === 0) return null;
  const current = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  switch (key) {
    case 'ArrowDown':
      return Math.min(rows.length - 1, current + 1);
    case 'ArrowUp':
      return current <= 0 ? 0 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return rows.length - 1;
    default:
      return null;
  }
}
