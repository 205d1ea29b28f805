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

/** Parses CSV text; throws an Error naming the row (1-based line) and column of the first problem. */
export function parseCsv(text: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) throw new Error("file is empty");
  let first = 0;
  const head = cells(lines[0]!);
  if (head.some((c) => !NUMBER.test(c) && !NON_FINITE.test(c))) first = 1;
  const rows = lines.length - first;
  if (rows === 0) throw new Error("no data rows after the header");
  const cols = cells(lines[first]!).length;
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const line = lines[first + r]!;
    const row = first + r + 1;
    if (line.trim() === "") throw new Error(`row ${row} is empty`);
    const cs = cells(line);
    if (cs.length !== cols) {
      throw new Error(`ragged rows: row ${row} has ${cs.length} columns, expected ${cols} (as row ${first + 1})`);
    }
    for (let c = 0; c < cols; c++) {
      const cell = cs[c]!;
      if (NON_FINITE.test(cell)) throw new Error(`row ${row} column ${c + 1}: ${cell} (NaN/Infinity not allowed)`);
      if (!NUMBER.test(cell)) throw new Error(`row ${row} column ${c + 1}: "${cell}" is not a number`);
      values[r * cols + c] = Number(cell);
    }
  }
  return { rows, cols, values };
}
