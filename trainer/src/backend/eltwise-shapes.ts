/** Shape classes shared by the wasm and native element-wise kernels, which cover the same broadcasts. */

/** Number of elements of a shape (1 for a scalar). */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** How a binary operand covers the output: the full output, a scalar, or one row of its last axis. */
export const FULL = 0;
export const SCALAR = 1;
export const ROW = 2;
export type OperandMode = typeof FULL | typeof SCALAR | typeof ROW;

/**
 * The operand's class against the broadcast output shape, or null for another broadcast (e.g. a column). An operand
 * with as many elements as the output is the output's shape up to leading 1s, so its elements line up one to one.
 */
export function operandMode(x: readonly number[], out: readonly number[]): OperandMode | null {
  const n = sizeOf(x);
  if (n === sizeOf(out)) return FULL;
  if (n === 1) return SCALAR;
  const inner = out[out.length - 1]!;
  return n === inner && x[x.length - 1] === inner ? ROW : null;
}
