#!/usr/bin/env node
// Opens the workbooks and Word documents cchc writes in a real office suite: scores the shipped
// samples (2019-Q1, then 2019-Q2 compared with it, with its sample appraisal; 2019-Q3 and Q4 and the
// year 2019 from the four), makes the 2019-Q2
// evidence forms (one workbook, and one per unit) and its appraisal workbook, converts every
// workbook, letter and quarterly report to PDF with headless LibreOffice, and fails when a
// conversion fails, gives no PDF, or loses the document's title. With `--png DIR`, also renders
// into DIR the district branches' ranking, one unit's scorecard, its form, its sheet of the
// appraisal workbook, its letter, every page of the quarterly report, and the district branches'
// sheet of the year with its chart.
//
// Needs LibreOffice (Debian: libreoffice-calc-nogui, libreoffice-writer-nogui) and poppler-utils
// (pdftoppm, pdftotext).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const pngDir = args.includes('--png') ? resolve(args[args.indexOf('--png') + 1]) : undefined;
const root = resolve(new URL('..', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'cchc-check-xlsx-'));

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function fail(message) {
  console.error(`check:xlsx: ${message}`);
  process.exitCode = 1;
}

try {
  const office = ['soffice', 'libreoffice'].find((c) => !spawnSync(c, ['--version']).error);
  if (!office) throw new Error('LibreOffice not found (Debian: apt-get install libreoffice-calc-nogui)');
  const cli = join(root, 'dist', 'cli', 'main.js');
  for (const [quarter, extra] of [['2019-Q1', []], ['2019-Q2', ['--date', '2019-07-05']]]) {
    const r = run(process.execPath, [cli, 'score', '--evidence', `samples/${quarter}`, '--out', join(work, 'out', quarter), ...extra], { cwd: root });
    if (r.status !== 0) throw new Error(`cchc score ${quarter} exited ${r.status}\n${r.stderr}`);
  }
  // Quý III and IV only for the year: their own sheets are of the same kinds as those checked above.
  for (const quarter of ['2019-Q3', '2019-Q4']) {
    const r = run(process.execPath, [cli, 'score', '--evidence', `samples/${quarter}`, '--out', join(work, 'out', quarter), '--no-unit-files', '--no-letters'], { cwd: root });
    if (r.status !== 0) throw new Error(`cchc score ${quarter} exited ${r.status}\n${r.stderr}`);
  }
  const yearRun = run(process.execPath, [cli, 'year', '--year', '2019', '--out-root', join(work, 'out'), '--date', '2020-01-10'], { cwd: root });
  if (yearRun.status !== 0) throw new Error(`cchc year exited ${yearRun.status}\n${yearRun.stderr}`);
  for (const argv of [['--out', join(work, 'forms', 'evidence-form.xlsx')], ['--per-unit', '--out', join(work, 'forms', 'units')]]) {
    const r = run(process.execPath, [cli, 'template', '--quarter', '2019-Q2', ...argv], { cwd: root });
    if (r.status !== 0) throw new Error(`cchc template exited ${r.status}\n${r.stderr}`);
  }
  const appraisal = run(process.execPath, [cli, 'appraise', '--evidence', 'samples/2019-Q2', '--out', join(work, 'appraisal', 'appraisal.xlsx')], { cwd: root });
  if (appraisal.status !== 0) throw new Error(`cchc appraise exited ${appraisal.status}\n${appraisal.stderr}`);
  const books = [{ file: join(work, 'forms', 'evidence-form.xlsx'), title: 'BIỂU NHẬP SỐ LIỆU' }];
  books.push({ file: join(work, 'appraisal', 'appraisal.xlsx'), title: 'BẢNG THẨM ĐỊNH KẾT QUẢ TỰ CHẤM' });
  books.push({ file: join(work, 'out', '2019', 'year.xlsx'), title: 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH NĂM 2019' });
  for (const name of readdirSync(join(work, 'forms', 'units'))) books.push({ file: join(work, 'forms', 'units', name), title: 'BIỂU NHẬP SỐ LIỆU' });
  for (const quarter of ['2019-Q1', '2019-Q2']) {
    const dir = join(work, 'out', quarter);
    books.push({ file: join(dir, 'ranking.xlsx'), title: 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM' });
    for (const name of readdirSync(join(dir, 'units'))) books.push({ file: join(dir, 'units', name), title: 'PHIẾU KẾT QUẢ CHẤM ĐIỂM' });
    books.push({ file: join(dir, 'report.docx'), title: 'BÁO CÁO' });
    for (const name of readdirSync(join(dir, 'letters'))) books.push({ file: join(dir, 'letters', name), title: 'THÔNG BÁO' });
  }
  // One conversion per folder (a LibreOffice start costs seconds); unit files of two quarters share names.
  const folders = [...new Set(books.map((b) => join(b.file, '..')))];
  const profile = `file://${join(work, 'profile')}`;
  for (const [i, folder] of folders.entries()) {
    const outdir = join(work, 'pdf', String(i));
    const inFolder = books.filter((b) => join(b.file, '..') === folder);
    const r = run(office, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, ...inFolder.map((b) => b.file)], { timeout: 300_000 });
    if (r.status !== 0) fail(`${folder}: LibreOffice exited ${r.status}\n${r.stderr}`);
    for (const b of inFolder) b.pdf = join(outdir, b.file.split(/[\\/]/).pop().replace(/\.(xlsx|docx)$/, '.pdf'));
  }
  for (const b of books) {
    if (!existsSync(b.pdf)) {
      fail(`${b.file}: not converted`);
      continue;
    }
    const text = run('pdftotext', ['-layout', b.pdf, '-']);
    if (text.status !== 0) fail(`${b.pdf}: pdftotext exited ${text.status}`);
    else if (!text.stdout.includes(b.title)) fail(`${b.file}: the PDF lacks the title "${b.title}"`);
  }
  const documents = books.filter((b) => b.file.endsWith('.docx')).length;
  if (!process.exitCode) console.log(`check:xlsx: ${books.length - documents} workbooks and ${documents} Word documents opened and converted by ${office}`);
  if (pngDir && !process.exitCode) {
    const pick = (suffix) => books.find((b) => b.file.endsWith(suffix));
    // The first page of a PDF whose text holds `marker`.
    const pageWith = (pdf, marker) => {
      for (let page = 1; page < 200; page++) {
        const t = run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-']);
        if (t.status !== 0) break;
        if (t.stdout.includes(marker)) return page;
      }
      throw new Error(`${pdf}: no page shows ${marker}`);
    };
    const ranking = pick(join('2019-Q2', 'ranking.xlsx'));
    const appraisalBook = pick('appraisal.xlsx');
    const pictures = [
      [ranking, pageWith(ranking.pdf, 'KHỐI CÁC ĐIỆN LỰC TRỰC THUỘC'), 'ranking'],
      [pick(join('2019-Q2', 'units', 'DL-CAUKE.xlsx')), 1, 'unit-scorecard'],
      // Page 1 of a form is its instructions; the unit's sheet follows.
      [pick(join('forms', 'units', 'DL-CAUKE.xlsx')), 2, 'evidence-form'],
      [appraisalBook, pageWith(appraisalBook.pdf, '(DL-CAUKE)'), 'appraisal-workbook'],
    ];
    const year = pick('year.xlsx');
    const branches = pageWith(year.pdf, 'KHỐI CÁC ĐIỆN LỰC TRỰC THUỘC');
    // The bloc's table and signatures, then its chart on the next page.
    pictures.push([year, branches, 'year'], [year, branches + 1, 'year-chart']);
    const letter = pick(join('2019-Q2', 'letters', 'DL-CAUKE.docx'));
    pictures.push([letter, 1, 'letter-1'], [letter, pageWith(letter.pdf, 'Kết quả khắc phục'), 'letter-follow-up']);
    const report = pick(join('2019-Q2', 'report.docx'));
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [report.pdf]).stdout)?.[1] ?? 0);
    for (let page = 1; page <= pages; page++) pictures.push([report, page, `quarter-report-${page}`]);
    for (const [book, page, name] of pictures) {
      const r = run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', name.startsWith('quarter-report') ? '70' : '110', '-png', '-singlefile', book.pdf, join(work, name)]);
      if (r.status !== 0) fail(`pdftoppm ${book.pdf}: ${r.stderr}`);
      else {
        mkdirSync(pngDir, { recursive: true });
        copyFileSync(join(work, `${name}.png`), join(pngDir, `${name}.png`));
      }
    }
    console.log(`check:xlsx: pictures of the ranking, of DL-CAUKE's scorecard, evidence form, appraisal sheet and letter, of the report's ${pages} pages, and of the year in ${pngDir}`);
  }
} catch (err) {
  fail(err.message);
} finally {
  rmSync(work, { recursive: true, force: true });
}
