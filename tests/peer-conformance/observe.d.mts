/** Types of observe.mjs (the helpers the unit tests call). */
export declare const FINISHED: string[];
export declare function backoffShape(gaps: number[], delayMs: number): string;
export declare function gapRatios(gaps: number[]): number[];
