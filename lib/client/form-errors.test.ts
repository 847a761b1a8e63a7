import { describe, expect, it } from "vitest";
import { parseSpecifications, placeFieldErrors, SPECIFICATIONS_ERROR } from "./form-errors";

describe("parseSpecifications", () => {
  it("reads a blank textarea as no specifications", () => {
    expect(parseSpecifications("")).toEqual({ ok: true, value: {} });
    expect(parseSpecifications("  \n\t ")).toEqual({ ok: true, value: {} });
  });

  it("reads a JSON object, whitespace around it allowed", () => {
    expect(parseSpecifications('\n {"battery": "CR2477", "range": {"min": -40, "max": 85}} \n')).toEqual({
      ok: true,
      value: { battery: "CR2477", range: { min: -40, max: 85 } },
    });
    expect(parseSpecifications("{}")).toEqual({ ok: true, value: {} });
  });

  it.each([
    ["malformed JSON", '{"battery": CR2477}'],
    ["a trailing comma", '{"battery": "CR2477",}'],
    ["an array", '["CR2477"]'],
    ["a string", '"CR2477"'],
    ["a number", "42"],
    ["null", "null"],
  ])("refuses %s with a message that shows what to write", (_label, text) => {
    expect(parseSpecifications(text)).toEqual({ ok: false, error: SPECIFICATIONS_ERROR });
    expect(SPECIFICATIONS_ERROR).toMatch(/JSON object/);
  });
});

describe("placeFieldErrors", () => {
  const fields = ["name", "description", "specifications"];

  it("puts a nested path's message on its top-level input, the first message winning", () => {
    expect(placeFieldErrors({ "specifications.battery": "too long", "specifications.range": "bad", name: "is required" }, fields)).toEqual({
      errors: { specifications: "too long", name: "is required" },
      allPlaced: true,
    });
  });

  it("says when a message names no input of the form", () => {
    expect(placeFieldErrors({ published: "must be true or false" }, fields).allPlaced).toBe(false);
    expect(placeFieldErrors({}, fields)).toEqual({ errors: {}, allPlaced: true });
  });
});
