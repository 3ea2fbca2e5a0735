/** Types of chain.mjs (plain JavaScript so that workerd can load it unchanged). */
export interface ChainValue {
  i: number;
  acc: number;
  tag: string;
}
export declare function nextValue(prev: ChainValue, i: number): ChainValue;
export declare const SEED: ChainValue;
export declare function runChain(
  steps: number,
  doStep: (name: string, fn: () => ChainValue) => Promise<unknown>,
): Promise<ChainValue>;
export declare function expectedOutput(steps: number): ChainValue;
