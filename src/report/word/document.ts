/**
 * The parts every Word document shares, in the form of Vietnamese administrative documents
 * (Decree 30/2020/NĐ-CP, appendix I): A4 portrait, margins top and bottom 20 mm, left 30 mm,
 * right 15 mm; Times New Roman 14 pt; the issuing body and its number top left, the national
 * motto and the place-and-date line top right; the page number centred at the top from page 2;
 * "Nơi nhận" and the signature block at the end. Tables repeat their header row on every page.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { Lang } from '../../diagnostics/codes.js';
import { dateParts } from '../../model/quarter.js';
import type { Scheme } from '../../model/scorecard.js';
import { readZip, writeZip, type ZipEntry } from '../files/zip.js';
import { LABELS } from '../labels.js';

export const FONT = 'Times New Roman';
/** Half-points: 14 pt for the body, 13 pt in tables, 12 pt for "Nơi nhận". */
const BODY = 28;
const TABLE = 26;
const SMALL = 24;

/** A4 in twentieths of a point, and the width the margins leave for text. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

export type Run = string | (IRunOptions & { text: string });

/** A paragraph of runs; a plain string is one run. */
export function para(runs: Run | Run[], options: Omit<IParagraphOptions, 'children' | 'text'> & { size?: number } = {}): Paragraph {
  const { size, ...rest } = options;
  const children = (Array.isArray(runs) ? runs : [runs]).map((r) => new TextRun(typeof r === 'string' ? { text: r, size } : { size, ...r }));
  return new Paragraph({ spacing: { before: 0, after: 60, line: 288 }, ...rest, children });
}

/**
 * The paragraph styles of the body and the tables. Named styles rather than the same properties
 * on every paragraph and run: the committee can restyle a document in Word, and a letter's XML
 * (thousands of table cells at EVN scale) is a third smaller, which is most of its making.
 */
const INDENT = convertMillimetersToTwip(10);
const PARAGRAPH_STYLES = [
  { id: 'Body', name: 'Body Text', paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { before: 60, after: 60, line: 312 } } },
  { id: 'Heading', name: 'Section Heading', run: { bold: true }, paragraph: { indent: { firstLine: INDENT }, spacing: { before: 120, after: 60 }, keepNext: true } },
  { id: 'Item', name: 'List Line', paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { before: 0, after: 40, line: 312 } } },
  { id: 'Cell', name: 'Table Text', run: { size: TABLE }, paragraph: { spacing: { before: 0, after: 0, line: 264 } } },
  { id: 'CellCenter', name: 'Table Text Centred', basedOn: 'Cell', paragraph: { alignment: AlignmentType.CENTER } },
  { id: 'CellRight', name: 'Table Text Right', basedOn: 'Cell', paragraph: { alignment: AlignmentType.RIGHT } },
  { id: 'CellHead', name: 'Table Heading', basedOn: 'Cell', run: { bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
];

/** A paragraph of one style, its text in plain runs (or runs of their own where given). */
function styled(style: string, runs: Run | Run[]): Paragraph {
  return new Paragraph({ style, children: (Array.isArray(runs) ? runs : [runs]).map((r) => new TextRun(r)) });
}

/** A paragraph of running text: justified, first line indented 1 cm. */
export function body(runs: Run | Run[]): Paragraph {
  return styled('Body', runs);
}

/** A numbered heading of the body (`1. Kết quả`), bold. */
export function heading(text: string): Paragraph {
  return styled('Heading', text);
}

/** A line of a list, `- …`, indented as running text. */
export function item(runs: Run | Run[]): Paragraph {
  return styled('Item', Array.isArray(runs) ? ['- ', ...runs] : ['- ', runs]);
}

/**
 * The two columns above the title, from the scheme: issuing body, committee (bold) and `number`
 * (`Số: …/TB-BCĐ`, left for the clerk to fill) on the left; the motto, its second line
 * underlined, and the place and date (`YYYY-MM-DD`, or blanks) in italics on the right.
 */
export function documentHead(scheme: Pick<Scheme, 'organization' | 'committee' | 'place'>, number: string, lang: Lang, date?: string): Table {
  const labels = LABELS[lang];
  const head = { organization: scheme.organization, committee: scheme.committee, number, motto: labels.motto, dateLine: labels.dateLine(scheme.place, dateParts(date)) };
  const centred = (runs: Run | Run[], size: number, spacing = { after: 0 }) => para(runs, { alignment: AlignmentType.CENTER, size, spacing });
  // Decree 30: the issuing body and the motto's first line in 12–13 pt capitals, the motto's second line 13–14 pt.
  const left = [
    centred(head.organization.toLocaleUpperCase('vi'), 24),
    centred({ text: head.committee.toLocaleUpperCase('vi'), bold: true }, 24),
    centred('―――――', 24, { after: 120 }),
    centred(head.number, 26),
  ];
  const right = [
    centred({ text: head.motto[0], bold: true }, 24),
    centred({ text: head.motto[1], bold: true, underline: {} }, 26, { after: 240 }),
    centred({ text: head.dateLine, italics: true }, 26),
  ];
  const widths = [Math.round(TEXT_WIDTH * 0.44), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.44)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [left, right].map((children, i) => new TableCell({ children, width: { size: widths[i]!, type: WidthType.DXA }, borders: NO_BORDERS })) })],
  });
}

/** The document's name (`THÔNG BÁO`) and what it is about, centred and bold, with a short rule under it. */
export function title(name: string, about: string): Paragraph[] {
  return [
    para({ text: name, bold: true }, { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
    para({ text: about, bold: true }, { alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
    para('――――――', { alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
  ];
}

/** A column of a table: its heading, its share of the text width, how its cells align. */
export interface Column {
  head: string;
  share: number;
  align?: 'left' | 'center' | 'right';
}

const CELL_STYLE = { left: 'Cell', center: 'CellCenter', right: 'CellRight' } as const;

/**
 * A bordered table that may break across pages: its header row repeats on every page, a row is
 * never split. Each cell is text (lines kept apart) or a run list; 13 pt.
 */
export function table(columns: readonly Column[], rows: readonly (string | string[])[][]): Table {
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.share) / total));
  const cell = (lines: string | string[], i: number, style: string) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: (Array.isArray(lines) ? (lines.length ? lines : ['']) : [lines]).map((line) => styled(style, line)),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.head, i, 'CellHead')) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, CELL_STYLE[columns[i]!.align ?? 'left'])) })),
    ],
  });
}

/**
 * A picture (PNG) of `width` × `height` pixels, printed `widthMm` wide, centred. `id` numbers it
 * within its document (unique there): docx would take the next of a count kept for the whole
 * process, so that a document made again in a watching process would not be the same bytes.
 */
export function picture(png: Uint8Array, width: number, height: number, widthMm: number, id: number): Paragraph {
  const px = (widthMm / 25.4) * 96;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(px), height: Math.round((px * height) / width) }, altText: { id: String(id) } })],
  });
}

export interface Signature {
  /** "Nơi nhận:" and its lines (`- Như trên;`). */
  recipients: [string, string[]];
  /** `TM. BAN CHỈ ĐẠO`, `TRƯỞNG BAN`. */
  on: string;
  role: string;
}

/** "Nơi nhận" (12 pt, bottom left) beside the signature block (bold, centred, room to sign). */
export function signature(s: Signature): Table {
  const widths = [Math.round(TEXT_WIDTH * 0.5), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.5)];
  const left = [
    para({ text: s.recipients[0], bold: true, italics: true }, { size: SMALL, spacing: { before: 120, after: 0 } }),
    ...s.recipients[1].map((line) => para(line, { size: 22, spacing: { after: 0 } })),
  ];
  const right = [
    para({ text: s.on, bold: true }, { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0 } }),
    para({ text: s.role, bold: true }, { alignment: AlignmentType.CENTER, spacing: { after: 1400 } }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [left, right].map((children, i) => new TableCell({ children, width: { size: widths[i]!, type: WidthType.DXA }, borders: NO_BORDERS })) })],
  });
}

/**
 * The document's bytes: A4 portrait with Decree 30's margins, Times New Roman 14 pt, the page
 * number at the top from page 2. The same content gives the same bytes: the zip is written
 * again with every entry dated `stamp`, and the creation dates docx sets to now are `stamp`.
 */
export async function packDocument(children: (Paragraph | Table)[], meta: { title: string; creator: string; stamp: Date; lang: 'vi' | 'en' }): Promise<Buffer> {
  const doc = new Document({
    creator: meta.creator,
    lastModifiedBy: meta.creator,
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: meta.lang === 'vi' ? 'vi-VN' : 'en-GB' } } } }, paragraphStyles: PARAGRAPH_STYLES },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: convertMillimetersToTwip(10), footer: convertMillimetersToTwip(10) } }, titlePage: true },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: BODY })] })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  const when = meta.stamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const entries = (await partsOf(doc)).map((e) => {
    const name = e.name.toString();
    if (name !== 'docProps/core.xml') return { ...e, common: !VARYING.test(name) };
    const xml = e.data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${when}$2`);
    return { ...e, data: Buffer.from(xml) };
  });
  return writeZip(entries, meta.stamp);
}

/** The parts that differ from one document to the next; the others (styles, theme, settings…) are deflated once a run. */
const VARYING = /^(word\/document\.xml|word\/_rels\/document\.xml\.rels|word\/media\/|docProps\/)/;

/** What docx's compiler gives: the package's parts by path, before docx zips them. */
type Compile = (file: Document, prettify?: undefined, overrides?: []) => Map<string, string | Uint8Array>;

/**
 * The parts of the package. docx zips them with fflate, a JavaScript deflate, then this module
 * would unzip them to date the entries: at 3,000 letters that was most of their time. The parts
 * are taken from docx's compiler (the step `Packer` zips) when it is there as docx 9 has it, and
 * zipped once here with Node's zlib; otherwise from Packer's zip.
 */
async function partsOf(doc: Document): Promise<ZipEntry[]> {
  const compiler = (Packer as unknown as { compiler?: { compile?: Compile } }).compiler;
  if (typeof compiler?.compile !== 'function') return readZip(await Packer.toBuffer(doc));
  return [...compiler.compile.call(compiler, doc)].map(([path, data]) => ({ name: Buffer.from(path), data: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data) }));
}
