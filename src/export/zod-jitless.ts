/**
 * zod compiles fast object parsers with `new Function` when it may, and probes whether it may by calling
 * `Function('')` once. Under the studio's Content-Security-Policy (no 'unsafe-eval', see csp.ts) that probe
 * is refused and reported as a violation. Jitless mode skips the probe and the compiled parsers; validation
 * is the same. Imported for its side effect by every module here that defines schemas.
 */
import { z } from 'zod';

z.config({ jitless: true });
