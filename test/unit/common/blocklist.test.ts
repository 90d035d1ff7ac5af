import { describe, expect, it } from "vitest";
import { BLOCKLIST_CATEGORIES, findBlocklistMatches, loadBlocklist } from "~/domain/common/screening/blocklist";
import blocklistData from "~/domain/common/screening/blocklist.sv.json";

function file(entries: unknown[]): unknown {
  return { version: 1, entries };
}

describe("loadBlocklist", () => {
  it("loads the shipped Swedish data file with every category represented", () => {
    const list = loadBlocklist(blocklistData);
    expect(list.entries.length).toBeGreaterThan(10);
    const categories = new Set(list.entries.map((e) => e.category));
    expect([...categories].sort()).toEqual([...BLOCKLIST_CATEGORIES].sort());
  });

  it("rejects malformed files", () => {
    expect(() => loadBlocklist(null)).toThrow();
    expect(() => loadBlocklist({ entries: [] })).toThrow(); // no version
    expect(() => loadBlocklist(file([{ term: "", category: "threat" }]))).toThrow();
    expect(() => loadBlocklist(file([{ term: "x", category: "rude" }]))).toThrow();
    expect(() => loadBlocklist(file([{ term: "x", category: "threat", variants: [1] }]))).toThrow();
  });

  it("rejects a form listed in two entries, so an edit mistake is caught", () => {
    expect(() =>
      loadBlocklist(
        file([
          { term: "hot", category: "threat" },
          { term: "HOT", category: "harassment" },
        ]),
      ),
    ).toThrow(/already listed/);
  });

  it("normalises whitespace in terms and defaults variants and exceptions to empty", () => {
    const list = loadBlocklist(file([{ term: "  jag   ska  ", category: "threat" }]));
    expect(list.entries[0]).toMatchObject({ term: "jag ska", variants: [], except: [] });
  });
});

describe("findBlocklistMatches", () => {
  const list = loadBlocklist(
    file([
      { term: "döda", category: "threat", variants: ["dödar", "dödade"] },
      { term: "jag ska döda", category: "threat" },
      { term: "ska skjuta", category: "threat", except: ["ska skjuta upp"] },
      { term: "äckel", category: "harassment", variants: ["äcklet"] },
    ]),
  );

  it("matches whole words only, with å/ä/ö counted as letters", () => {
    expect(findBlocklistMatches("Döda vinkeln", list).map((m) => m.match)).toEqual(["Döda"]);
    expect(findBlocklistMatches("dödas", list)).toEqual([]); // not listed as a variant
    expect(findBlocklistMatches("ädöda", list)).toEqual([]);
    expect(findBlocklistMatches("dödaö", list)).toEqual([]);
    expect(findBlocklistMatches("äckel", list).map((m) => m.match)).toEqual(["äckel"]);
    expect(findBlocklistMatches("ÄCKLET!", list).map((m) => m.match)).toEqual(["ÄCKLET"]);
    expect(findBlocklistMatches("snäckel", list)).toEqual([]);
  });

  it("matches listed variants and reports the entry's term and category", () => {
    const [m] = findBlocklistMatches("han dödade", list);
    expect(m).toEqual({ start: 4, end: 10, match: "dödade", term: "döda", category: "threat" });
  });

  it("prefers the longest overlapping phrase", () => {
    const found = findBlocklistMatches("Jag  ska\u00A0döda dig", list);
    expect(found.map((m) => m.match)).toEqual(["Jag  ska\u00A0döda"]);
  });

  it("skips matches inside an exception phrase but not elsewhere", () => {
    const text = "Vi ska skjuta upp mötet, men han ska skjuta.";
    const found = findBlocklistMatches(text, list);
    expect(found.map((m) => m.start)).toEqual([text.lastIndexOf("ska skjuta")]);
  });

  it("escapes regular-expression characters in terms", () => {
    const special = loadBlocklist(
      file([
        { term: "a.b", category: "hate" },
        { term: "c+", category: "hate" },
      ]),
    );
    expect(findBlocklistMatches("axb", special)).toEqual([]);
    expect(findBlocklistMatches("a.b", special).map((m) => m.match)).toEqual(["a.b"]);
    expect(findBlocklistMatches("cc", special)).toEqual([]);
  });
});
