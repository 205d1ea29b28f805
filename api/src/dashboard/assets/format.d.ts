// Types for format.js (plain browser JavaScript), so the Node unit tests type-check.
export function fmtNum(v: unknown): string;
export function fmtCount(v: number): string;
export function fmtRate(v: unknown): string;
export function fmtDuration(sec: unknown): string;
export function fmtAgo(iso: string, now?: number): string;
export function merge(a: unknown, b: unknown): unknown;
