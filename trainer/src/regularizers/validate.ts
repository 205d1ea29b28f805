/** Regulariser parameters normally arrive through zod; this guards direct construction with a named error. */
export function requireNumber(type: string, field: string, value: number, min: number, exclusive = false): void {
  const bad = !Number.isFinite(value) || value < min || (exclusive && value === min);
  if (bad) throw new Error(`regularizer "${type}": ${field} must be a finite number ${exclusive ? ">" : "≥"} ${min}, got ${value}`);
}
