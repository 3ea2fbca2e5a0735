/**
 * Why the shown instance's history offers no "restart from here" (an instance imported from Cloudflare, or a
 * replay's read-only copy), or null: set by the history pane, read by each call row.
 */
import { createContext, useContext } from 'react';

export const HistoryReadOnly = createContext<string | null>(null);

export const useHistoryReadOnly = () => useContext(HistoryReadOnly);
