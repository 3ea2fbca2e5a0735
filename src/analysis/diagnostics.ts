/**
 * Every diagnostic the analysis can report: its number, severity and wording, in one place (STYLE.md rule 9).
 * Checks never build message text themselves; they call {@link createDiagnostic} with a code and arguments.
 */
import type { Diagnostic, Severity, SourceRange } from './types.ts';

const UNITS = 'second, minute, hour, day, week, month or year (singular or plural)';

/** Message builders, keyed by code. */
export const diagnosticMessages = {
  WS000: () => 'Syntax error: this part of the code could not be parsed, so the step graph may be incomplete.',
  WS001: () =>
    'No class extends WorkflowEntrypoint. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".',
  WS002: (cls: string) => `Class ${cls} extends WorkflowEntrypoint but has no run(self, event, step) method.`,
  WS003: (param: string, step: string) =>
    `Received unexpected parameter ${param}: a parameter of step "${step}" must be ctx or the name of a step declared before it runs.`,
  WS004: (param: string, step: string) =>
    `Received unexpected parameter ${param}: step "${param}" is declared after step "${step}" is called, so it is not known yet.`,
  WS005: (param: string, stepName: string) =>
    `Received unexpected parameter ${param}: parameters are matched against step names, and function ${param} is the step "${stepName}".`,
  WS006: (step: string, params: number, items: number) =>
    `Step "${step}" declares ${params} non-ctx parameter(s) but 'depends' has ${items} item(s).`,
  WS007: (item: string) => `depends item ${item} is not a step function declared in run().`,
  WS008: () => 'depends=[...] is the legacy form; prefer naming dependency steps as parameters.',
  WS009: () => 'step.do must be called to make the decorator: write @step.do() or @step.do("name").',
  WS010: (text: string) => `Invalid duration "${text}": write "<number> <unit>" with unit ${UNITS}, e.g. "10 seconds".`,
  WS011: (text: string, meant: string) =>
    `Numeric duration ${text} is read as ${text} milliseconds, as Cloudflare's runtime does (the Python docs say seconds). Write "${meant}" to say so, or a string in the unit you meant.`,
  WS012: (text: string) =>
    `Numeric timestamp ${text} looks like seconds: Cloudflare's runtime reads epoch milliseconds, so it lands in 1970. Pass a datetime, or ${text}000 for milliseconds.`,
  WS013: (text: string, api: string) => `Duration "${text}" exceeds the 365-day maximum of ${api}.`,
  WS020: (step: string, key: string) =>
    `Step config for "${step}" is in a invalid format: unknown key "${key}" (allowed: retries, timeout).`,
  WS021: (step: string) => `Step config for "${step}" is in a invalid format: retries must be a dict.`,
  WS022: (step: string, key: string) =>
    `Step config for "${step}" is in a invalid format: retries needs "${key}" (both limit and delay are required).`,
  WS023: (step: string, key: string) =>
    `Step config for "${step}" is in a invalid format: unknown retries key "${key}" (allowed: limit, delay, backoff).`,
  WS024: (step: string) =>
    `Step config for "${step}" is in a invalid format: retries.limit must be a number >= 0 or float("inf").`,
  WS025: (step: string) =>
    `Step config for "${step}" is in a invalid format: retries.delay must be a number >= 0 or a duration string.`,
  WS026: (step: string, value: string) =>
    `Step config for "${step}" is in a invalid format: retries.backoff must be "constant", "linear" or "exponential", not ${value}.`,
  WS027: (step: string) => `Step config for "${step}" is in a invalid format: timeout must be greater than 0.`,
  WS028: (step: string) =>
    `Step config for "${step}" is in a invalid format: timeout must be a number > 0 or a duration string.`,
  WS029: (step: string) => `Step config for "${step}" is in a invalid format: config must be a dict.`,
  WS030: (name: string, line: number) =>
    `Step name "${name}" is also used by the step on line ${line}. Both run (the journal counts them 1, 2, …), but a parameter named ${name} gets only one of their results and reordering them swaps their cached results. Give each step its own name.`,
  WS031: (name: string, api: string, line: number) =>
    `${api} name "${name}" is also used on line ${line}. That is allowed: replay tells them apart by order (counts 1, 2, …), so keep their order stable.`,
  WS032: (length: number) => `Step name is ${length} characters long; the limit is 256.`,
  WS033: () => 'Step name contains a control character, which Cloudflare rejects.',
  WS034: (cls: string, name: string, problem: string) =>
    `Class ${cls} gets the workflow name "${name}", which Cloudflare refuses (${problem}); rename the class.`,
  WS040: (step: string, fn: string) =>
    `Step "${step}" is called but not awaited, so it never runs. Write "await ${fn}()".`,
  WS041: (api: string) => `${api}(…) is not awaited, so it does nothing. Write "await ${api}(…)".`,
  WS050: (cycle: string) => `Dependency cycle: ${cycle}. Each of these steps waits for another, so none can run.`,
  WS060: (name: string) =>
    `Step name ${name} changes between runs (time, random or uuid). On replay it misses the journal and runs again; use a fixed name.`,
  WS070: (step: string, target: string) =>
    `Step "${step}" changes ${target}, which lives outside the step. On replay the step is served from the journal and does not run, so the change is lost; return the value instead.`,
  WS071: () =>
    'Changes to event are not persisted: every replay of run() gets the original event. Keep derived values in variables or step results.',
  WS090: (step: string) => `Step "${step}" is declared but never called or used as a dependency, so it never runs.`,
  WS091: () =>
    'Racing steps (return_when=FIRST_COMPLETED) can pick a different winner on replay; wrap the race in an outer step so the winner is journaled.',
} as const;

/** A diagnostic number, `WS000`–`WS091`. */
export type DiagnosticCode = keyof typeof diagnosticMessages;

/** Severity of each code. */
export const diagnosticSeverity: Record<DiagnosticCode, Severity> = {
  WS000: 'error',
  WS001: 'error',
  WS002: 'error',
  WS003: 'error',
  WS004: 'error',
  WS005: 'error',
  WS006: 'error',
  WS007: 'error',
  WS008: 'info',
  WS009: 'error',
  WS010: 'error',
  WS011: 'warning',
  WS012: 'warning',
  WS013: 'error',
  WS020: 'error',
  WS021: 'error',
  WS022: 'error',
  WS023: 'error',
  WS024: 'error',
  WS025: 'error',
  WS026: 'error',
  WS027: 'error',
  WS028: 'error',
  WS029: 'error',
  WS030: 'warning',
  WS031: 'info',
  WS032: 'error',
  WS033: 'error',
  WS034: 'error',
  WS040: 'error',
  WS041: 'error',
  WS050: 'error',
  WS060: 'warning',
  WS070: 'warning',
  WS071: 'warning',
  WS090: 'warning',
  WS091: 'warning',
};

/** Build a diagnostic from its code, the range it underlines and its message arguments. */
export function createDiagnostic<C extends DiagnosticCode>(
  code: C,
  range: SourceRange,
  ...args: Parameters<(typeof diagnosticMessages)[C]>
): Diagnostic {
  const build = diagnosticMessages[code] as (...a: typeof args) => string;
  return { code, severity: diagnosticSeverity[code], message: build(...args), range };
}
