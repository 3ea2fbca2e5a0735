/**
 * An error raised by Python code (a step attempt or `run()`), as the engine reads it: `name` is the Python
 * exception type (e.g. `ValueError`, `NonRetryableError`), `message` its `str()`, and `traceback` the Python
 * traceback without the SDK's own frames, which the engine journals for the UI.
 */
export class PythonError extends Error {
  readonly traceback: string;
  constructor(name: string, message: string, traceback: string) {
    super(message);
    this.name = name;
    this.traceback = traceback;
    // The JS stack of the bridge says nothing useful; the Python traceback is the stack.
    this.stack = traceback === '' ? `${name}: ${message}` : traceback;
  }
}
