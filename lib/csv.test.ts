import { describe, expect, it } from "vitest";
import { CsvSyntaxError, formatCsv, formatCsvField, parseCsv, restoreFormulaText } from "./csv";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("splits plain records on commas and LF or CRLF line ends", () => {
    expect(fields("a,b,c\n1,2,3\r\n4,5,6")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("keeps commas, doubled quotes and newlines inside quoted fields", () => {
    const records = parseCsv('name,desc\n"Acme, Inc.","He said ""hi""\nsecond line"\nlast,x\n');
    expect(records.map((r) => r.fields)).toEqual([
      ["name", "desc"],
      ["Acme, Inc.", 'He said "hi"\nsecond line'],
      ["last", "x"],
    ]);
    // The record after a multi-line field starts on line 4, not 3.
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("keeps empty fields, including trailing ones and an empty quoted field", () => {
    expect(fields('a,,c,\n"",x,,')).toEqual([
      ["a", "", "c", ""],
      ["", "x", "", ""],
    ]);
  });

  it("skips blank lines and a trailing newline, and ignores a byte-order mark", () => {
    expect(fields("\uFEFFa,b\n\n1,2\n\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps spaces around unquoted text as they are", () => {
    expect(fields(" a , b ")).toEqual([[" a ", " b "]]);
  });

  it("rejects an unterminated quote, naming the line it started on", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\n2,3');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it("rejects a quote in the middle of an unquoted field and text after a closing quote", () => {
    expect(() => parseCsv('ab"c,d')).toThrow(/quote may only start a field/);
    expect(() => parseCsv('"ab"c,d')).toThrow(/after a closing quote/);
  });
});

describe("formatCsv", () => {
  it("quotes only fields that need it and ends lines with CRLF", () => {
    expect(formatCsv([["a", "b,c", 'say "x"', "line\nbreak", null, 12]])).toBe('a,"b,c","say ""x""","line\nbreak",,12\r\n');
  });

  it("quotes leading or trailing spaces so they survive", () => {
    expect(formatCsvField(" padded ")).toBe('" padded "');
  });

  it("round-trips awkward values through parseCsv", () => {
    const rows = [
      ["serial", "name"],
      ["SN-1", "Robert'); DROP TABLE t_devices;--"],
      ["SN-2", '<script>alert("x")</script>'],
      ["SN-3", "multi\r\nline, with comma"],
    ];
    expect(fields(formatCsv(rows))).toEqual(rows);
  });

  it("neutralizes formula-looking cells on request, and restoreFormulaText undoes it", () => {
    const out = formatCsvField("=HYPERLINK(\"http://evil\")", { neutralizeFormulas: true });
    expect(out).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(restoreFormulaText(fields(out)[0][0])).toBe('=HYPERLINK("http://evil")');
    // Negative numbers are numbers, not formulas.
    expect(formatCsvField("-12.5", { neutralizeFormulas: true })).toBe("-12.5");
    expect(restoreFormulaText("'plain")).toBe("'plain");
  });
});
