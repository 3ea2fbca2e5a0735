import type { DragEvent } from 'react';
import { appStore } from '../../store';

/** Files dropped on the instance list, waiting for the import dialog that opens to read them. */
let pending: File[] | null = null;

/** Opens the import dialog with `files` already picked. */
export function openImportWith(files: File[]): void {
  pending = files;
  appStore.getState().openDialog('import-journal');
}

/** The dropped files, once (the dialog takes them when it opens). */
export function takeDroppedFiles(): File[] | null {
  const files = pending;
  pending = null;
  return files;
}

/** Drop handlers for a pane: dropping files (journal files, Cloudflare's instance JSON) opens the import. */
export const fileDropHandlers = {
  onDragOver(e: DragEvent) {
    if (e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  },
  onDrop(e: DragEvent) {
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    e.preventDefault();
    openImportWith(files);
  },
};
