/**
 * A small RFC 4180 CSV reader and writer: comma-separated fields, optional double quotes around
 * a field, `""` for a quote inside a quoted field, CRLF or LF line ends, newlines allowed inside
 * quotes. Enough for spreadsheets' "Save as CSV" without a dependency.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

export interface CsvRecord {
  /** 1-based line on which the record starts (differs from its index when fields hold newlines). */
  line: number;
  fields: string[];
}

/** Parses CSV text into records. Blank lines are skipped; a leading byte-order mark is ignored. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;

  const endField = () => {
    fields.push(field);
    field = "";
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // A line with nothing on it is not a record (a trailing newline, a blank line in between).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "" || quotedField) throw new CsvSyntaxError(`Line ${line}: a quote may only start a field`, line);
      inQuotes = true;
      quotedField = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (quotedField) throw new CsvSyntaxError(`Line ${line}: unexpected text after a closing quote`, line);
      field += ch;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(`Line ${recordLine}: a quoted field is never closed`, recordLine);
  endRecord();
  return records;
}

// Spreadsheet apps run a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a field when it needs it; with `neutralizeFormulas`, prefixes formula-looking text with '. */
export function formatCsvField(value: unknown, { neutralizeFormulas = false } = {}): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (neutralizeFormulas && FORMULA_START.test(text) && !/^-?[0-9.]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rows as CSV with CRLF line ends, as RFC 4180 prescribes. */
export function formatCsv(rows: unknown[][], options?: { neutralizeFormulas?: boolean }): string {
  return rows.map((row) => row.map((v) => formatCsvField(v, options)).join(",")).join("\r\n") + "\r\n";
}

/** Undoes `neutralizeFormulas` so an exported file imports back unchanged. */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
