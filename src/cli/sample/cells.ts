// The values a sample row holds. Dates stay typed until a writer decides their form: a date cell in
// the workbook, an ISO text in CSV, both zone-less wall-clock times, as a marketer's export would be.

export class SampleDate {
  /** `wallMs`: the wall-clock time as Date.UTC fields. */
  constructor(readonly wallMs: number, readonly withTime: boolean) {}

  /** `2026-03-01 09:30:00`, or `2026-03-01` for a date-only cell. */
  toText(): string {
    const iso = new Date(this.wallMs).toISOString();
    return this.withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
  }
}

export type SampleCell = string | number | boolean | SampleDate | null;
/** One row, by canonical column name; columns it leaves out are empty. */
export type SampleRow = Readonly<Record<string, SampleCell>>;

export const dateTime = (wallMs: number) => new SampleDate(wallMs, true);
export const dateOnly = (wallMs: number) => new SampleDate(wallMs, false);
