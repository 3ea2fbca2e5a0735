/** Types of values.mjs. */
export declare function encode(value: unknown): unknown;
export declare function errorOf(error: unknown): { name: string; message: string };
