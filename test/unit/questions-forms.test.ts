import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/domain/questions/csv";
import { answerProblem, parseAnswerForm, questionSchema } from "~/domain/questions/schemas";
import { parseForm } from "~/lib/forms";

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("the question form", () => {
  const base: Array<[string, string]> = [
    ["cycleId", "3"],
    ["prompt", "  Wanneer voelt de tunnel onveilig?  "],
    ["description", ""],
  ];

  it("reads a choice question with one option per line, ignoring blank lines", () => {
    const result = parseForm(questionSchema, form([...base, ["kind", "multiple"], ["options", " Avond \r\n\r\nNacht\n"], ["postId", ""]]));
    expect(result).toEqual({
      ok: true,
      data: { cycleId: 3, prompt: "Wanneer voelt de tunnel onveilig?", description: "", kind: "multiple", options: ["Avond", "Nacht"], postId: null },
    });
  });

  it("ignores options for an open question", () => {
    const result = parseForm(questionSchema, form([...base, ["kind", "open"], ["options", "Eén"], ["postId", "12"]]));
    expect(result).toMatchObject({ ok: true, data: { kind: "open", options: [], postId: 12 } });
  });

  it("refuses too few, too many, too long and duplicate options", () => {
    const options = (value: string) =>
      parseForm(questionSchema, form([...base, ["kind", "single"], ["options", value]]));
    expect(options("Alleen deze")).toMatchObject({ ok: false, errors: { options: "question.error.optionsTooFew" } });
    expect(options(Array.from({ length: 11 }, (_, i) => `Optie ${i}`).join("\n"))).toMatchObject({
      errors: { options: "question.error.optionsTooMany" },
    });
    expect(options(`Kort\n${"x".repeat(201)}`)).toMatchObject({ errors: { options: "question.error.optionTooLong" } });
    expect(options("Avond\navond")).toMatchObject({ errors: { options: "question.error.optionDuplicate" } });
    expect(options(`Kort\n${"x".repeat(200)}`)).toMatchObject({ ok: true });
  });

  it("shows every problem at once and keeps what was typed", () => {
    const result = parseForm(
      questionSchema,
      form([["cycleId", ""], ["prompt", "Kort"], ["kind", "single"], ["options", "Eén optie"], ["description", "x".repeat(5001)]]),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        cycleId: "question.error.cycleRequired",
        prompt: "question.error.promptTooShort",
        description: "question.error.descriptionTooLong",
        options: "question.error.optionsTooFew",
      },
      values: { cycleId: "", prompt: "Kort", kind: "single", options: "Eén optie", description: "x".repeat(5001) },
    });
  });

  it("refuses an unknown kind and a prompt over 300 characters", () => {
    const result = parseForm(questionSchema, form([["cycleId", "1"], ["prompt", "x".repeat(301)], ["kind", "rating"]]));
    expect(result).toMatchObject({ ok: false, errors: { prompt: "question.error.promptTooLong", kind: "question.error.kindRequired" } });
  });
});

describe("the answer form", () => {
  it("reads every ticked checkbox", () => {
    expect(parseAnswerForm(form([["option", "4"], ["option", "7"], ["text", ""]]))).toEqual({
      ok: true,
      data: { text: "", optionIds: [4, 7] },
    });
  });

  it("refuses option values that are not ids, and keeps what was sent", () => {
    expect(parseAnswerForm(form([["option", "4"], ["option", "1 OR 1=1"]]))).toEqual({
      ok: false,
      errors: { options: "question.error.optionUnknown" },
      values: { text: "", options: "4,1 OR 1=1" },
    });
  });

  it("has rules per kind of question", () => {
    expect(answerProblem("open", { text: " ", optionIds: [] })).toEqual({ field: "text", message: "question.error.answerEmpty" });
    expect(answerProblem("open", { text: "ok", optionIds: [] })).toBeNull();
    expect(answerProblem("single", { text: "", optionIds: [1, 2] })).toEqual({ field: "options", message: "question.error.chooseOnlyOne" });
    expect(answerProblem("single", { text: "", optionIds: [] })).toEqual({ field: "options", message: "question.error.chooseOne" });
    expect(answerProblem("multiple", { text: "", optionIds: [] })).toEqual({ field: "options", message: "question.error.chooseAtLeastOne" });
    expect(answerProblem("multiple", { text: "", optionIds: [3, 3] })).toEqual({ field: "options", message: "question.error.optionUnknown" });
    expect(answerProblem("multiple", { text: "", optionIds: [1, 2, 3] })).toBeNull();
  });
});

describe("CSV", () => {
  it("quotes what RFC 4180 needs quoted and doubles quotes", () => {
    expect(csvCell("gewoon")).toBe("gewoon");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell("regel\nregel")).toBe('"regel\nregel"');
    expect(csvCell(" spatie ")).toBe('" spatie "');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
  });

  it("escapes cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+31 6")).toBe("'+31 6");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@naam")).toBe("'@naam");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it("starts with a byte order mark and ends records with CRLF", () => {
    expect(toCsv([["a", "b"], ["c", "d"]])).toBe("\uFEFFa,b\r\nc,d\r\n");
  });
});
