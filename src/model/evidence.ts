/** Types of a quarter's evidence, as the committee and the units provide it. */

export type FactValue = number | boolean | string;

/** A fact's value with the document that backs it (tài liệu kiểm chứng). */
export interface FactEvidence {
  value: FactValue;
  source?: string;
  note?: string;
}

export interface ManualPoints {
  points: number;
  note: string;
  source?: string;
}

export interface UnitEvidence {
  unit: string;
  /** The file it came from, for messages. */
  file: string;
  facts: Record<string, FactEvidence>;
  manual: Record<string, ManualPoints>;
  notApplicable: string[];
  /** The committee's remarks on the unit, printed as given in its notice. */
  remarks?: string[];
}

/** A quarter's evidence for every unit, checked against the rules. */
export interface Evidence {
  quarter: string;
  units: Map<string, UnitEvidence>;
}
