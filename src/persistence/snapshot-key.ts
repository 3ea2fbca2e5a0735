/**
 * The key a Pyodide memory snapshot is stored under: a new Pyodide or a changed SDK makes old ones stale.
 * Also names the snapshot shipped with the app (vite-plugins/python-snapshot.ts), so it imports nothing.
 */
export function snapshotKey(pyodideVersion: string, sdkHash: string): string {
  return `pyodide-${pyodideVersion}-sdk-${sdkHash}`;
}
