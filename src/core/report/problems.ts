// Problems in the data as a person reads them: sheet, row and column in words, the message in their language;
// and the first of many, errors first, for a list that must stay short (the sidebar, a report's table).
import { formatMessage, type Language } from '../messages';
import type { Problem, Severity } from '../types';

export interface RenderedProblem {
  severity: Severity;
  severityLabel: string;
  sheet: string;
  /** The row number as the user sees it (header = 1); null for a whole sheet or column. */
  row: number | null;
  column: string | null;
  /** Sheet, row and column in one phrase, e.g. "Deals, row 3, column amount". */
  location: string;
  message: string;
}

/**
 * The most problems the sidebar gets or CAMPAIGN_DATA_PROBLEMS spills: a column wrong on every row of a big
 * Visits sheet is 460k problems, 138 MB as the sidebar's reply. The first ones, errors first, show what to
 * fix; the counts say how many there are.
 */
export const PROBLEMS_LISTED = 200;

/** The first PROBLEMS_LISTED problems, errors first, rendered; and how many of each kind there are. */
export interface ListedProblems {
  listed: RenderedProblem[];
  errors: number;
  warnings: number;
}

export function listProblems(problems: readonly Problem[], language: Language): ListedProblems {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors.length >= PROBLEMS_LISTED
    ? errors.slice(0, PROBLEMS_LISTED)
    : [...errors, ...problems.filter((p) => p.severity !== 'error').slice(0, PROBLEMS_LISTED - errors.length)];
  return { listed: first.map((p) => renderProblem(p, language)), errors: errors.length, warnings: problems.length - errors.length };
}

export function renderProblem(p: Problem, language: Language): RenderedProblem {
  const location = [
    p.sheet,
    p.row === null ? null : formatMessage('addon.problem.row', { row: p.row }, language),
    p.column === null ? null : formatMessage('addon.problem.column', { column: p.column }, language),
  ].filter((part) => part !== null).join(', ');
  return {
    severity: p.severity,
    severityLabel: formatMessage(p.severity === 'error' ? 'addon.severity.error' : 'addon.severity.warning', {}, language),
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    location,
    message: formatMessage(p.messageId, p.params, language),
  };
}
