/**
 * The documents made for each unit, a scorecard and a letter: the jobs a worker thread is given
 * and what it shares with the others. Both writers are called here, on a worker or on the main
 * thread alike.
 */
import { writeUnitWorkbook, type ScorecardInput, type ScorecardJob } from './excel/unit-workbook.js';
import { writeLetter, type LetterInput, type LetterJob } from './word/letter.js';

/** What every unit's documents share, sent once to each worker. */
export interface UnitDocumentsInput {
  scorecard: ScorecardInput;
  letter: LetterInput;
}

/** One document to make, and the path (under the output folder) it goes to. */
export type UnitDocumentJob = { path: string; unit: string } & ({ kind: 'scorecard'; job: ScorecardJob } | { kind: 'letter'; job: LetterJob });

/** The bytes of one unit's document. */
export function writeUnitDocument(input: UnitDocumentsInput, job: UnitDocumentJob): Promise<Buffer> {
  return job.kind === 'scorecard' ? writeUnitWorkbook(input.scorecard, job.job) : writeLetter(input.letter, job.job);
}
