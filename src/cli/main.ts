#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { QUARTER } from '../model/quarter.js';
import { EXIT_USAGE, UsageError } from './io.js';

// Each command is loaded when it runs: `cchc --help` loads none of the scoring stack.
const validateCommand = async (...a: Parameters<typeof import('./validate.js').validateCommand>) => (await import('./validate.js')).validateCommand(...a);
const scoreCommand = async (...a: Parameters<typeof import('./score.js').scoreCommand>) => (await import('./score.js')).scoreCommand(...a);
const explainCommand = async (...a: Parameters<typeof import('./explain.js').explainCommand>) => (await import('./explain.js')).explainCommand(...a);
const diffCommand = async (...a: Parameters<typeof import('./diff.js').diffCommand>) => (await import('./diff.js')).diffCommand(...a);
const testCommand = async (...a: Parameters<typeof import('./test.js').testCommand>) => (await import('./test.js')).testCommand(...a);
const publishCommand = async (...a: Parameters<typeof import('./publish.js').publishCommand>) => (await import('./publish.js')).publishCommand(...a);
const lettersCommand = async (...a: Parameters<typeof import('./letters.js').lettersCommand>) => (await import('./letters.js')).lettersCommand(...a);
const templateCommand = async (...a: Parameters<typeof import('./template.js').templateCommand>) => (await import('./template.js')).templateCommand(...a);
const appraiseCommand = async (...a: Parameters<typeof import('./appraise.js').appraiseCommand>) => (await import('./appraise.js')).appraiseCommand(...a);
const yearCommand = async (...a: Parameters<typeof import('./year.js').yearCommand>) => (await import('./year.js')).yearCommand(...a);
const watch = () => import('./watch.js');

/** Arguments checked where commander reads them, once for every command that takes them: wrong usage (exit 2) otherwise. */
function quarterArg(text: string): string {
  if (!QUARTER.test(text)) throw new InvalidArgumentError('quý dạng YYYY-Qn, ví dụ 2019-Q1 / a quarter YYYY-Qn, e.g. 2019-Q1');
  return text;
}

function dateArg(text: string): string {
  const d = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(text)) {
    throw new InvalidArgumentError('một ngày dạng YYYY-MM-DD / a calendar day YYYY-MM-DD');
  }
  return text;
}

function yearArg(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError('một năm dạng YYYY, ví dụ 2019 / a year YYYY, e.g. 2019');
  return Number(text);
}

function xlsxArg(text: string): string {
  if (!/\.xlsx$/i.test(text)) throw new InvalidArgumentError('một tệp .xlsx / an .xlsx file');
  return text;
}

/** A whole number ≥ 1 from the command line, or wrong usage. */
function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
}

/** An option given more than once: each value kept, in order. */
function collect(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), value];
}

const langOption = () =>
  new Option('--lang <lang>', 'ngôn ngữ thông báo / message language').choices(['vi', 'en']).default('vi');

function program(): Command {
  const cmd = new Command('cchc')
    .description('Chấm điểm cải cách hành chính (CCHC) hằng quý / quarterly administrative-reform scoring')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  cmd
    .command('validate')
    .description('kiểm tra bảng tiêu chí trong thư mục quy tắc / check the scorecards in a rules folder')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await validateCommand(opts);
    });
  cmd
    .command('score')
    .description('chấm điểm một quý / score a quarter')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1').argParser(quarterArg))
    .option('--out <dir>', 'thư mục kết quả / output folder (default out/<quarter>)')
    .option('--previous <file>', 'results.json của quý trước / previous quarter results (default <out root>/<previous quarter>/results.json)')
    .option('--no-previous', 'không so sánh với quý trước / no comparison with the previous quarter')
    .option('--appraisal <file>', 'kết quả thẩm định của Ban chỉ đạo, có thể nhiều tệp / the committee\'s appraisal, one file or more (default appraisal/<quarter>.yaml and .xlsx beside the evidence, when there)', collect)
    .option('--no-appraisal', 'chỉ chấm theo số liệu tự chấm của đơn vị / score the units\' own figures only')
    .option('--explanations <path>', 'biểu giải trình đơn vị gửi lại / the units\' returned explanation forms (default explanations/<quarter>/ beside the evidence)')
    .addOption(new Option('--date <YYYY-MM-DD>', 'ngày ký trên bảng điểm / date printed on the sheets (default: left blank)').argParser(dateArg))
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .option('--strict', 'biểu nhập của quý khác hoặc bộ tiêu chí khác là lỗi / a form for another quarter or other rules is an error')
    .option('--no-unit-files', 'không ghi bảng điểm từng đơn vị / no unit scorecards')
    .option('--no-letters', 'không ghi thông báo gửi đơn vị và báo cáo quý (.docx) / no letters to the units and no quarterly report (.docx)')
    .addOption(new Option('--deadline <YYYY-MM-DD>', 'hạn gửi kế hoạch khắc phục, in trong thông báo / remedy plan deadline printed in the letters (default: left blank)').argParser(dateArg))
    .addOption(new Option('--workers <n>', 'số luồng ghi bảng điểm đơn vị / threads writing the unit scorecards').argParser(positiveInteger))
    .option('--force', 'ghi vào thư mục đang chứa kết quả của quý khác / write into a folder holding another quarter\'s results')
    .option('--watch', 'chấm lại mỗi khi tệp tiêu chí hoặc số liệu thay đổi / score again whenever a scorecard or evidence file changes')
    .option('--reopen', 'chấm lại một quý đã công bố (cần --reason) / score a published quarter again (needs --reason)')
    .option('--reason <text>', 'lý do mở lại, ghi vào log.jsonl / why it is reopened, kept in log.jsonl')
    .addOption(langOption())
    .action(async (cmdOpts) => {
      const opts = { ...cmdOpts, args: process.argv.slice(2) };
      if (opts.watch) {
        const { scoreOutputs, watchAndRun } = await watch();
        // What has not changed since the last run (the rules, most scorecards) is not made again.
        const reuse = { rules: {}, scorecards: new Map<string, string>() };
        const paths = [opts.rules, opts.evidence, ...(await (await import('./quarter.js')).appraisalPaths(opts))];
        await watchAndRun(paths, scoreOutputs(opts.out ?? 'out'), opts.lang, (io) => scoreCommand({ ...opts, reuse }, io));
      }
      process.exitCode = await scoreCommand(opts);
    });
  cmd
    .command('appraise')
    .description('lập bảng thẩm định Excel từ số liệu tự chấm của các đơn vị / write the appraisal workbook from the units\' self-assessment')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q2 / quarter, e.g. 2019-Q2').argParser(quarterArg))
    .addOption(new Option('--out <file.xlsx>', 'tệp bảng thẩm định / the workbook (default out/<quarter>/appraisal.xlsx)').argParser(xlsxArg))
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await appraiseCommand(opts);
    });
  cmd
    .command('explain')
    .description('giải thích từng điểm của một đơn vị / explain every point of a unit')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .requiredOption('--unit <id>', 'mã đơn vị / unit id')
    .option('--criterion <id>', 'chỉ một tiêu chí / one criterion only')
    .option('--appraisal <file>', 'kết quả thẩm định của Ban chỉ đạo, có thể nhiều tệp / the committee\'s appraisal, one file or more (default appraisal/<quarter>.yaml and .xlsx beside the evidence, when there)', collect)
    .option('--no-appraisal', 'chỉ chấm theo số liệu tự chấm của đơn vị / score the units\' own figures only')
    .option('--explanations <path>', 'biểu giải trình đơn vị gửi lại / the units\' returned explanation forms (default explanations/<quarter>/ beside the evidence)')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1').argParser(quarterArg))
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .option('--json', 'xuất JSON / print JSON')
    .option('--watch', 'giải thích lại mỗi khi tệp thay đổi / explain again whenever a file changes')
    .addOption(langOption())
    .action(async (opts) => {
      if (opts.watch) {
        const paths = [opts.rules, opts.evidence, ...(await (await import('./quarter.js')).appraisalPaths(opts))];
        await (await watch()).watchAndRun(paths, () => false, opts.lang, (io) => explainCommand(opts, io));
      }
      process.exitCode = await explainCommand(opts);
    });
  cmd
    .command('diff')
    .description('thử trước một thay đổi tiêu chí: so sánh hai bộ tiêu chí trên cùng số liệu / what-if: two rule sets on the same evidence')
    .requiredOption('--against <dir>', 'bộ tiêu chí cũ / the rules to compare with')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .option('--rules <dir>', 'bộ tiêu chí mới / the new rules', 'rules')
    .option('--appraisal <file>', 'kết quả thẩm định của Ban chỉ đạo, có thể nhiều tệp / the committee\'s appraisal, one file or more (default appraisal/<quarter>.yaml and .xlsx beside the evidence, when there)', collect)
    .option('--no-appraisal', 'chỉ chấm theo số liệu tự chấm của đơn vị / score the units\' own figures only')
    .option('--explanations <path>', 'biểu giải trình đơn vị gửi lại / the units\' returned explanation forms (default explanations/<quarter>/ beside the evidence)')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1').argParser(quarterArg))
    .addOption(
      new Option('--missing <mode>', 'thiếu số liệu: zero tính 0 điểm cho tiêu chí mới chưa có số liệu / missing evidence: zero scores a new criterion without evidence 0')
        .choices(['error', 'zero'])
        .default('zero'),
    )
    .addOption(new Option('--out <file.xlsx>', 'ghi thêm bảng so sánh Excel / also write the comparison as a workbook').argParser(xlsxArg))
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await diffCommand(opts);
    });
  cmd
    .command('test')
    .description('chạy các ca kiểm thử của bảng tiêu chí (rules/tests) / run the scorecard\'s own test cases (rules/tests)')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--coverage', 'liệt kê bước, quy tắc, mục chưa ca nào đạt tới / list what no case reaches')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await testCommand(opts);
    });
  cmd
    .command('letters')
    .description('ghi lại thông báo gửi đơn vị và báo cáo quý (.docx) từ results.json đã chấm / write the letters to the units and the quarterly report (.docx) again from a scored results.json')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q2 / quarter, e.g. 2019-Q2').argParser(quarterArg).makeOptionMandatory())
    .option('--rules <dir>', 'thư mục quy tắc đã dùng để chấm / rules folder the quarter was scored with', 'rules')
    .option('--out <dir>', 'thư mục kết quả của quý / the quarter\'s output folder (default out/<quarter>)')
    .option('--previous <file>', 'results.json của quý trước / previous quarter results (default <out root>/<previous quarter>/results.json)')
    .option('--no-previous', 'không so sánh với quý trước / no comparison with the previous quarter')
    .addOption(new Option('--date <YYYY-MM-DD>', 'ngày ký / date printed on the documents (default: left blank)').argParser(dateArg))
    .addOption(new Option('--deadline <YYYY-MM-DD>', 'hạn gửi kế hoạch khắc phục / remedy plan deadline (default: left blank)').argParser(dateArg))
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await lettersCommand({ ...opts, args: process.argv.slice(2) });
    });
  cmd
    .command('year')
    .description('tổng hợp kết quả năm từ bốn quý / the annual result from the four quarters')
    .addOption(new Option('--year <YYYY>', 'năm, ví dụ 2019 / year, e.g. 2019').argParser(yearArg).makeOptionMandatory())
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--out-root <dir>', 'thư mục chứa kết quả các quý (<out root>/<năm>-Qn) / folder holding the quarters\' results (<out root>/<year>-Qn)', 'out')
    .option('--out <dir>', 'thư mục ghi year.json, year.xlsx / output folder (default <out root>/<year>)')
    .option('--allow-missing', 'thiếu quý hoặc đơn vị thiếu quý: lấy trung bình các quý đã có / a quarter or a unit\'s quarter missing: take the mean of those there are')
    .addOption(new Option('--date <YYYY-MM-DD>', 'ngày ký trên bảng tổng hợp / date printed on the sheets (default: left blank)').argParser(dateArg))
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await yearCommand({ ...opts, args: process.argv.slice(2) });
    });
  cmd
    .command('publish')
    .description('công bố kết quả một quý: khóa thư mục kết quả bằng manifest.json / publish a quarter: lock its output folder with manifest.json')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1').argParser(quarterArg).makeOptionMandatory())
    .option('--out <dir>', 'thư mục kết quả / output folder (default out/<quarter>)')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await publishCommand({ ...opts, args: process.argv.slice(2) });
    });
  cmd
    .command('template')
    .description('lập biểu nhập số liệu Excel cho các đơn vị / write the Excel evidence form for the units')
    .addOption(new Option('--quarter <quarter>', 'quý, ví dụ 2019-Q2 / quarter, e.g. 2019-Q2').argParser(quarterArg).makeOptionMandatory())
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--out <path>', 'tệp (hoặc thư mục với --per-unit) / file, or folder with --per-unit (default out/<quarter>/evidence-form.xlsx, out/<quarter>/forms)')
    .option('--per-unit', 'mỗi đơn vị một tệp / one workbook per unit')
    .option('--explanations', 'biểu giải trình cho các đơn vị sau thẩm định (cần --evidence) / the units\' explanation forms after the appraisal (needs --evidence)')
    .option('--evidence <path>', 'số liệu của quý, với --explanations / the quarter\'s evidence, with --explanations')
    .option('--appraisal <file>', 'kết quả thẩm định / the appraisal (default appraisal/<quarter>.yaml and .xlsx beside the evidence)', collect)
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await templateCommand(opts);
    });
  return cmd;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful exits; everything else commander rejects is usage.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
    } else if (err instanceof UsageError) {
      process.stderr.write(`cchc: ${err.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      throw err;
    }
  }
}

// A reader that stops early (`cchc score … | head`) is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

await main(process.argv);
