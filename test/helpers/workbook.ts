import ExcelJS from 'exceljs';
import type { Cell, Worksheet } from 'exceljs';
import { roundHalfUp } from '../../src/model/round.js';

/** Reads a workbook written by the program, as a spreadsheet program would. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A cell's value as a formula sees it: the cached result of a formula, nothing for a merged follower. */
export function valueOf(ws: Worksheet, address: string): number | string | boolean | null {
  const cell = ws.getCell(address);
  if (cell.master.address !== cell.address) return null;
  // cell.value drops a formula result of 0 (exceljs copies only truthy fields); cell.result keeps it.
  if (cell.formula) return (cell.result as number | string | undefined) ?? null;
  return (cell.value as number | string | boolean | null) ?? null;
}

/**
 * Evaluates the formulas the workbooks use (numbers, text, cells, ranges, + − × ÷, comparisons,
 * SUM, ROUND, MAX, IF, AND) on the sheet's own values, independently of the program that wrote
 * them: `SUM(H10:H12)` is the sum of the cells it names, whatever result was stored with it.
 */
export function evaluateFormula(ws: Worksheet, formula: string): number | string | boolean {
  const tokens = formula.match(/"(?:[^"]|"")*"|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|\d+(?:\.\d+)?|[A-Z]+(?=\()|>=|<=|<>|[-+*/(),<>=]/g) ?? [];
  const unspaced = formula.replace(/"(?:[^"]|"")*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
  if (tokens.join('') !== unspaced) throw new Error(`formula not understood: ${formula}`);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  type Value = number | string | boolean;
  const cells = (ref: string): Value[] => {
    const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
    const start = ws.getCell(a);
    const end = ws.getCell(b!);
    const out: Value[] = [];
    for (let r = Number(start.row); r <= Number(end.row); r++) {
      for (let c = Number(start.col); c <= Number(end.col); c++) {
        const v = valueOf(ws, ws.getCell(r, c).address);
        out.push(typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : 0);
      }
    }
    return out;
  };
  const numbers = (list: Value[]) => list.filter((v): v is number => typeof v === 'number');
  const args = (): Value[][] => {
    const list: Value[][] = [];
    next(); // (
    while (peek() !== ')') {
      const t = peek()!;
      list.push(/^\$?[A-Z]+\$?\d+(:|$)/.test(t) && (tokens[i + 1] === ',' || tokens[i + 1] === ')') ? cells(next()) : [comparison()]);
      if (peek() === ',') next();
    }
    next(); // )
    return list;
  };
  const primary = (): Value => {
    const t = next();
    if (t === '(') {
      const v = comparison();
      next();
      return v;
    }
    if (t === '-') return -(primary() as number);
    if (t.startsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
    if (/^\d/.test(t)) return Number(t);
    if (/^\$?[A-Z]+\$?\d+$/.test(t)) return cells(t)[0]!;
    const list = args();
    if (t === 'SUM') return numbers(list.flat()).reduce((a, b) => a + b, 0);
    if (t === 'MAX') return Math.max(...numbers(list.flat()));
    if (t === 'AND') return list.flat().every((v) => v === true);
    if (t === 'IF') return list[0]![0] === true ? list[1]![0]! : list[2]![0]!;
    if (t === 'ROUND') {
      const [[x], [d]] = list as [[number], [number]];
      return x < 0 ? -roundHalfUp(-x, d) : roundHalfUp(x, d);
    }
    throw new Error(`function not understood: ${t}`);
  };
  const term = (): Value => {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = next() === '*' ? (v as number) * (primary() as number) : (v as number) / (primary() as number);
    return v;
  };
  const sum = (): Value => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = next() === '+' ? (v as number) + (term() as number) : (v as number) - (term() as number);
    return v;
  };
  const comparison = (): Value => {
    const left = sum();
    const op = peek();
    if (!op || !['>=', '<=', '<>', '>', '<', '='].includes(op)) return left;
    next();
    const right = sum();
    switch (op) {
      case '>=': return left >= right;
      case '<=': return left <= right;
      case '>': return left > right;
      case '<': return left < right;
      case '=': return left === right;
      default: return left !== right;
    }
  };
  const value = comparison();
  if (i !== tokens.length) throw new Error(`formula not understood: ${formula}`);
  return value;
}

/** Every formula cell of a sheet with its formula and cached result. */
export function formulaCells(ws: Worksheet): { cell: Cell; formula: string; result: unknown }[] {
  const out: { cell: Cell; formula: string; result: unknown }[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.formula && cell.master.address === cell.address) out.push({ cell, formula: cell.formula, result: cell.result });
    }),
  );
  return out;
}

/** Texts of a sheet's cells, by address, for finding labels. */
export function textCells(ws: Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && cell.master.address === cell.address) out.set(cell.address, cell.value);
    }),
  );
  return out;
}

/** A workbook as data (sheets, merges, cells with value and number format, conditional formats, print setup): two runs compare equal when their content is. */
export async function normalisedView(path: string): Promise<unknown> {
  const wb = await readWorkbook(path);
  return {
    created: wb.created,
    modified: wb.modified,
    sheets: wb.worksheets.map((ws) => {
      const cells: unknown[] = [];
      ws.eachRow((row) => row.eachCell((cell) => cells.push([cell.address, cell.formula ? { f: cell.formula, r: cell.result } : cell.value, cell.numFmt])));
      return {
        name: ws.name,
        merges: (ws.model as unknown as { merges: string[] }).merges,
        cells,
        conditionalFormattings: (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings,
        pageSetup: ws.pageSetup,
      };
    }),
  };
}
