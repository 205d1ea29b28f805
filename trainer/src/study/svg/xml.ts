/** Minimal SVG/XML writing helpers: escaping, number formatting that refuses non-finite values, elements. */

const ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ESCAPES[ch]!);
}

/**
 * A coordinate as short text (at most `digits` decimals, no trailing zeros). Throws on NaN/Infinity: a chart
 * must drop non-finite points before drawing rather than write an attribute browsers silently ignore.
 */
export function fmt(v: number, digits = 2): string {
  if (!Number.isFinite(v)) throw new Error(`svg: non-finite coordinate ${v}`);
  const s = v.toFixed(digits);
  const t = s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  return t === "-0" ? "0" : t;
}

export type Attrs = Record<string, string | number | undefined>;

/** `<tag a="…">children</tag>`, or self-closing without children; numbers pass through fmt, undefined is skipped. */
export function el(tag: string, attrs: Attrs = {}, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? fmt(v) : escapeXml(v)}"`)
    .join("");
  return children.length ? `<${tag}${a}>${children.join("")}</${tag}>` : `<${tag}${a}/>`;
}

/** `<text>` with escaped content. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el("text", { x, y, ...attrs }, escapeXml(content));
}

/** Opening tag of a standalone SVG document (no external references). */
export function svgOpen(width: number, height: number, label: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" ` +
    `viewBox="0 0 ${fmt(width)} ${fmt(height)}" role="img" aria-label="${escapeXml(label)}">`
  );
}

/*
 * Charts style themselves with presentation attributes, never a <style> element: an SVG inlined into HTML shares the
 * page's one stylesheet, so a rule such as `.grid{stroke:…}` would also hit the page's own `.grid` elements (and
 * stroke is inherited, so every chart text inside such an element got a pale outline).
 */
/** Text colour on the white chart background: #333 on #fff has a contrast ratio of 12.6:1. */
export const INK = "#333";
/** Grid lines (not text, so no contrast requirement) and axis lines. */
export const GRID = "#e5e5e5";
export const AXIS = "#555";
/** Attributes of a chart title. */
export const TITLE = { "font-weight": "bold", "font-size": "1.1em" } as const;

/**
 * Wraps chart content in a group whose inherited text attributes replace a stylesheet. `stroke="none"` shields the
 * text from a stroke the surrounding page may set on an ancestor; shapes that need a stroke set their own.
 */
export function textGroup(fontSize: number, content: string): string {
  return el("g", { "font-family": "sans-serif", "font-size": fontSize, fill: INK, stroke: "none" }, content);
}

/** Colour-blind-friendly categorical palette (Okabe–Ito, then Tableau), cycled. */
export const PALETTE = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#d55e00",
  "#cc79a7",
  "#56b4e9",
  "#a08400",
  "#000000",
  "#8c564b",
  "#7f7f7f",
  "#17becf",
  "#9467bd",
] as const;

/** The i-th palette colour. */
export function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
