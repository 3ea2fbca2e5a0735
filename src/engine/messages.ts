/**
 * Every user-facing error message of the engine, in one place. Where Cloudflare's engine has a message for the
 * same situation we keep its wording (including its grammar), and add the detail the studio knows.
 */
export const messages = {
  invalidInstanceId: (reason: string) => `Workflow instance has invalid id: ${reason}`,
  instanceExists: (id: string) => `(instance.already_exists) Workflow instance with id "${id}" already exists`,
  instanceNotFound: (id: string) => `(instance.not_found) Workflow instance with id "${id}" not found`,
  invalidParams: (reason: string) => `Workflow instance params are invalid: ${reason}`,
  invalidWorkflowName: (name: string, reason: string) =>
    `Workflow name "${name}" is invalid: ${reason}. Cloudflare refuses to deploy it; rename the workflow (in Python, its class).`,
  unknownWorkflow: (name: string) => `(workflow.not_found) Workflow "${name}" is not registered`,
  batchEmpty: () => 'batchCreate should have at least 1 instance',
  batchTooLarge: (n: number) => `batchCreate supports at most 100 instances, got ${n}`,
  cannotTerminate: () => '(instance.cannot_terminate) Cannot terminate instance since its on a finite state',
  stepNotInHistory: (name: string) => `(instance.cannot_restart) Step "${name}" not found in execution history`,
  cannotSendEvent: (status: string) =>
    `(instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "${status}"`,
  invalidEventType: () => 'Event type must be a non-empty string',
  invalidEventPayload: (reason: string) => `Event payload is invalid: ${reason}`,

  stepWithoutCallback: (name: string) => `Step "${name}" requires a callback function`,
  stepLimit: (limit: number) =>
    `The limit of ${limit} steps has been reached. This limit can be changed in your worker configuration.`,
  // The name may hold control characters (that is what is wrong with it): escape them as JSON does.
  invalidStepName: (name: string) =>
    `Step name ${JSON.stringify(name)} exceeds max length (256 chars) or invalid characters found`,
  invalidStepConfig: (name: string, detail: string) =>
    `Step config for "${name}" is in a invalid format: ${detail}. See https://developers.cloudflare.com/workflows/build/sleeping-and-retrying/`,
  stepTimeout: (ms: number) => `Execution timed out after ${ms}ms`,
  attemptLost: () => 'Attempt failed due to internal workflows error',
  resultNotSerialisable: (name: string, reason: string) =>
    `Value returned from step "${name}" is not serialisable: ${reason}`,
  resultTooLarge: (name: string, bytes: number) =>
    `Value returned from step "${name}" is ${bytes} bytes; the maximum is 1 MiB (1048576 bytes)`,
  runTerminatedByResult: (name: string) =>
    `The execution of the Workflow instance was terminated, as the step "${name}" returned a value which is not serialisable or larger than 1 MiB`,
  runTerminatedByNonRetryable: () =>
    'The execution of the Workflow instance was terminated, as a step threw an NonRetryableError and it was not handled',
  outputNotSerialisable: (reason: string) => `The value returned by run() is not serialisable: ${reason}`,
  outputTruncated: (bytes: number) => `[truncated ${bytes} bytes]`,

  invalidDuration: (text: string) =>
    `Invalid duration ${JSON.stringify(text)}: use "<number> <unit>" with unit second, minute, hour, day, week, month or year, singular or plural (e.g. "10 seconds", "1.5 hours")`,
  invalidDurationNumber: (value: number) =>
    `Invalid duration ${value}: a number of milliseconds must be finite and ≥ 0`,
  sleepTooLong: (name: string) => `Sleep "${name}" is longer than the maximum of 365 days`,
  waitTimeoutTooLong: (name: string) => `waitForEvent "${name}" has a timeout longer than the maximum of 365 days`,
  sleepUntilPast: () => "You can't sleep until a time in the past, time-traveler",
} as const;
