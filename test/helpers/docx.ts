import { readFileSync } from 'node:fs';
import { readZip } from './zip.js';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

/** A Word document read back as text: its paragraphs in order (table cells' included), and its tables as rows of cells. */
export interface DocumentText {
  paragraphs: string[];
  /** Each table: its rows, each a list of cells, a cell's paragraphs joined by newlines. */
  tables: string[][][];
  /** Every paragraph joined by newlines. */
  text: string;
}

/** Reads word/document.xml of a .docx. */
export function readDocument(file: string): DocumentText {
  const entry = readZip(readFileSync(file)).find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error(`${file}: no word/document.xml`);
  const xml = entry.data.toString('utf8');
  const paragraphs = [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => textOf(m[1]!));
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((p) => textOf(p[1]!)).join('\n')),
    ),
  );
  return { paragraphs, tables, text: paragraphs.join('\n') };
}
