/**
 * The title a studio notice gets for a notice of the executor. Most are named after an error (`QuotaExceededError`,
 * `AttemptStoppedError`), which engineers read as such; the executor's own events have code names, shown in words.
 */
const TITLES: Readonly<Record<string, string>> = {
  ExecutorRestarted: 'Python restarted',
  Interrupted: 'Python interrupted',
  WaitingForSource: 'Waiting for a workflow file',
};

/** The title of an executor notice named `name`. */
export function noticeTitle(name: string): string {
  return Object.hasOwn(TITLES, name) ? (TITLES[name] as string) : name;
}
