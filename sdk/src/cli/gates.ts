import { UsageError } from "./context.ts";

export type GateOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** A threshold on one metric, e.g. `swd<0.5` or `modesCaptured>=7.5`. */
export interface Gate {
  expr: string;
  metric: string;
  op: GateOp;
  threshold: number;
}

export interface GateResult extends Gate {
  /** The metric's value; null when the run did not report it (the gate then fails). */
  value: number | null;
  passed: boolean;
}

const GATE_RE = /^\s*([A-Za-z_][\w.]*)\s*(<=|>=|==|!=|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

/** Parses `<metric><op><number>`; a UsageError names the bad expression. */
export function parseGate(expr: string): Gate {
  const m = GATE_RE.exec(expr);
  if (!m) throw new UsageError(`--gate ${JSON.stringify(expr)}: expected <metric><op><number> with op one of < <= > >= == != (e.g. "swd<0.5")`);
  return { expr: expr.trim(), metric: m[1]!, op: m[2] as GateOp, threshold: Number(m[3]) };
}

const COMPARE: Record<GateOp, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};

/** Checks each gate against `metrics`; a missing or non-finite metric fails its gate. */
export function evaluateGates(gates: readonly Gate[], metrics: Record<string, number> | null | undefined): GateResult[] {
  return gates.map((g) => {
    const v = metrics?.[g.metric];
    const value = typeof v === "number" && Number.isFinite(v) ? v : null;
    return { ...g, value, passed: value !== null && COMPARE[g.op](value, g.threshold) };
  });
}
