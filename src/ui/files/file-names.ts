/** A free file name for `base.py`: `base.py`, else `base_2.py`, `base_3.py`, … (never overwrites a file). */
export function uniqueFileName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  const stem = wanted.replace(/\.py$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}.py`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** What to call a new blank file: `workflow.py`, `workflow_2.py`, … */
export const newFileName = (taken: readonly string[]) => uniqueFileName('workflow.py', taken);
