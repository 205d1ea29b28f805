/**
 * CSV of numbers: comma-separated, one sample per row, every row the same number of columns. The first row is a
 * header (and skipped) if any of its cells is neither a number nor a NaN/Infinity spelling. Cells may be quoted.
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

export interface CsvTable {
  rows: number;
  cols: number;
  values: Float64Array;
}

function cells(line: string): string[] {
  return line.split(",").map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}

/**
 * Parses CSV text; throws an Error naming the row (1-based line) and column of the first problem. Lines are taken
 * one at a time and the row limit applies as they arrive, so a file with millions of rows fails at row
 * `maxRows + 1` instead of after splitting and converting all of them.
 */
export function parseCsv(text: string, maxRows = Infinity): CsvTable {
  const body = text.replace(/^\uFEFF/, "");
  let end = body.length;
  while (end > 0 && /\s/.test(body[end - 1]!)) end--; // trailing blank lines (and spaces) are not rows
  if (end === 0) throw new Error("file is empty");
  const values: number[] = [];
  let cols = -1;
  let rows = 0;
  let line = 0;
  for (let at = 0; at < end; line++) {
    const nl = body.indexOf("\n", at);
    const stop = nl === -1 || nl > end ? end : nl;
    const raw = body.slice(at, stop > at && body[stop - 1] === "\r" ? stop - 1 : stop);
    at = stop + 1;
    const cs = cells(raw);
    if (line === 0 && cs.some((c) => !NUMBER.test(c) && !NON_FINITE.test(c))) continue; // header
    const row = line + 1;
    if (raw.trim() === "") throw new Error(`row ${row} is empty`);
    if (++rows > maxRows) throw new Error(`more than ${maxRows} rows, over the limit of ${maxRows} samples`);
    if (cols === -1) cols = cs.length;
    if (cs.length !== cols) {
      throw new Error(`ragged rows: row ${row} has ${cs.length} columns, expected ${cols} (as row ${row - rows + 1})`);
    }
    for (let c = 0; c < cols; c++) {
      const cell = cs[c]!;
      if (NON_FINITE.test(cell)) throw new Error(`row ${row} column ${c + 1}: ${cell} (NaN/Infinity not allowed)`);
      if (!NUMBER.test(cell)) throw new Error(`row ${row} column ${c + 1}: "${cell}" is not a number`);
      values.push(Number(cell));
    }
  }
  if (rows === 0) throw new Error("no data rows after the header");
  return { rows, cols, values: Float64Array.from(values) };
}
