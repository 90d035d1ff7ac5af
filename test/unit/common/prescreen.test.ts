import { describe, expect, it } from "vitest";
import { EMPTY_BLOCKLIST, loadBlocklist } from "~/domain/common/screening/blocklist";
import blocklistData from "~/domain/common/screening/blocklist.sv.json";
import {
  DUPLICATE_THRESHOLD,
  type Flag,
  type FlagKind,
  SHOUTING_MIN_LETTERS,
  isValidPersonnummer,
  luhnValid,
  prescreen,
} from "~/domain/common/screening/prescreen";
import { normaliseForComparison, questionSimilarity } from "~/domain/common/screening/similarity";

const blocklist = loadBlocklist(blocklistData);

function screen(text: string, existing: Array<{ id: number; text: string }> = []): Flag[] {
  return prescreen(text, { existing, blocklist });
}

function matches(text: string, kind: FlagKind, existing: Array<{ id: number; text: string }> = []): string[] {
  return screen(text, existing)
    .filter((f) => f.kind === kind)
    .map((f) => f.match);
}

/** Every flag's offsets must point at exactly its match in the original text. */
function expectOffsetsConsistent(text: string, flags: Flag[]): void {
  for (const f of flags) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(f.start, f.end)).toBe(f.match);
  }
}

describe("personnummer and samordningsnummer", () => {
  it("flags valid numbers in all four forms", () => {
    for (const pnr of ["811228-9874", "811228+9874", "198112289874", "8112289874", "19811228-9874", "670919-9530"]) {
      expect(matches(`Mitt nummer är ${pnr}.`, "personnummer"), pnr).toEqual([pnr]);
    }
  });

  it("does not flag numbers whose Luhn checksum is wrong", () => {
    for (const pnr of ["811228-9875", "8112289870", "198112289871", "670919-9531"]) {
      expect(matches(`Mitt nummer är ${pnr}.`, "personnummer"), pnr).toEqual([]);
    }
  });

  it("flags samordningsnummer (day + 60) and rejects impossible samordning days", () => {
    expect(matches("Samordningsnummer 701063-2391", "personnummer")).toEqual(["701063-2391"]);
    expect(matches("Samordningsnummer 850769-9802", "personnummer")).toEqual(["850769-9802"]);
    // Day 92 - 60 = 32: not a date even though the checksum is right.
    expect(luhnValid("8112929875")).toBe(true);
    expect(matches("Nummer 811292-9875", "personnummer")).toEqual([]);
  });

  it("requires a plausible date even when the checksum is right", () => {
    expect(luhnValid("8113289873")).toBe(true); // month 13
    expect(luhnValid("8112329878")).toBe(true); // day 32
    expect(matches("811328-9873", "personnummer")).toEqual([]);
    expect(matches("811232-9878", "personnummer")).toEqual([]);
    // Leap day: 2000 was a leap year, 1900 was not.
    expect(isValidPersonnummer("20000229", "1235")).toBe(true);
    expect(isValidPersonnummer("19000229", "1235")).toBe(false);
    expect(isValidPersonnummer("000229", "1235")).toBe(true);
    expect(isValidPersonnummer("17811228", "9874")).toBe(false); // century out of range
  });

  it("does not also report a valid personnummer as a phone number", () => {
    const flags = screen("Född 000229-1235");
    expect(flags.map((f) => f.kind)).toEqual(["personnummer"]);
  });

  it("does not flag longer digit runs that merely contain ten digits", () => {
    expect(matches("Ordernummer 98112289874", "personnummer")).toEqual([]);
    expect(matches("Kod 81122898741", "personnummer")).toEqual([]);
  });
});

describe("phone numbers", () => {
  it("flags Swedish mobile and landline formats", () => {
    const numbers = [
      "070-123 45 67",
      "0701234567",
      "070 123 45 67",
      "073-1234567",
      "+46 70 123 45 67",
      "+46701234567",
      "0046 70 123 45 67",
      "+46 (0)8 123 456 78",
      "08-123 456 78",
      "08-12 34 56",
      "(08) 123 45 67",
      "031-123 45 67",
      "0910-123 45",
    ];
    for (const n of numbers) {
      expect(matches(`Ring mig på ${n} i kväll`, "phone"), n).toEqual([n]);
    }
  });

  it("does not flag years, times, dates, bus lines, postcodes or amounts", () => {
    const harmless = [
      "Det hände 2025 och 2024.",
      "Mötet börjar 18.30 och slutar 20:00.",
      "Datum 2025-03-14, kl 08.30",
      "Buss 4, linje 173 och tunnelbanans linje 10",
      "Postnummer 118 20 Stockholm",
      "Det kostade 1 250 000 kronor",
      "Ring 112 eller 114 14 till polisen",
    ];
    for (const t of harmless)
      expect(
        screen(t).filter((f) => f.kind === "phone" || f.kind === "personnummer"),
        t,
      ).toEqual([]);
  });
});

describe("email addresses", () => {
  it("flags plain and lightly obfuscated addresses", () => {
    expect(matches("Mejla anna.svensson@example.se tack", "email")).toEqual(["anna.svensson@example.se"]);
    expect(matches("Skriv till åsa.öberg@förening.se.", "email")).toEqual(["åsa.öberg@förening.se"]);
    expect(matches("Kontakt: anna(at)example.se", "email")).toEqual(["anna(at)example.se"]);
  });

  it("does not report the email's domain as a separate URL", () => {
    expect(screen("anna@example.se").map((f) => f.kind)).toEqual(["email"]);
  });

  it("does not flag a lone @ mention or an at sign in prose", () => {
    expect(matches("Fråga @polisen om det", "email")).toEqual([]);
    expect(matches("Vi ses @ torget kl 18", "email")).toEqual([]);
  });
});

describe("URLs", () => {
  it("flags http(s), www. and bare domains, without trailing punctuation", () => {
    expect(matches("Läs https://example.se/sida?x=1).", "url")).toEqual(["https://example.se/sida?x=1"]);
    expect(matches("Se www.stockholm.se, tack", "url")).toEqual(["www.stockholm.se"]);
    expect(matches("Gå till example.se/abc.", "url")).toEqual(["example.se/abc"]);
    expect(matches("Köp på billigt.com!", "url")).toEqual(["billigt.com"]);
  });

  it("does not flag Swedish abbreviations, decimals or a missing space after a full stop", () => {
    for (const t of ["t.ex. belysning, bl.a. i parken, osv.", "Det tar 2.5 minuter", "Mörkt i kväll.Nu vill jag veta", "fr.o.m. måndag t.o.m. fredag"]) {
      expect(matches(t, "url"), t).toEqual([]);
    }
  });
});

describe("street addresses", () => {
  it("flags a street name with a number, including letter, apartment and floor", () => {
    expect(matches("Jag bor på Götgatan 12 sedan i fjol", "address")).toEqual(["Götgatan 12"]);
    expect(matches("Storgatan 5B har trasig belysning", "address")).toEqual(["Storgatan 5B"]);
    expect(matches("Adress: Sveavägen 44 lgh 1102, Stockholm", "address")).toEqual(["Sveavägen 44 lgh 1102"]);
    expect(matches("Det är på Birger Jarlsgatan 5", "address")).toEqual(["Birger Jarlsgatan 5"]);
    expect(matches("vid S:t Eriksgatan 3", "address")).toEqual(["S:t Eriksgatan 3"]);
    expect(matches("Vi möts vid Sergels torg 1", "address")).toEqual(["Sergels torg 1"]);
    expect(matches("Hörnet Tensta allé 5", "address")).toEqual(["Tensta allé 5"]);
    expect(matches("Kvarngränd 3 och Mariaberget", "address")).toEqual(["Kvarngränd 3"]);
    expect(matches("hon bor på götgatan 12", "address")).toEqual(["götgatan 12"]);
  });

  it("does not flag a street named without a number: naming a place is normal", () => {
    for (const t of [
      "Götgatan är mörk på kvällarna",
      "Belysningen på Sveavägen och Kungsgatan",
      "Vid Sergels torg är det stökigt",
      "Götgatan 18.30 i går var det bråk", // a time, not a street number
      "Vi bodde på Götgatan 2025", // a year, not a street number
    ]) {
      expect(matches(t, "address"), t).toEqual([]);
    }
  });

  it("does not flag everyday words that share a street ending", () => {
    for (const t of ["Parkeringen på våningsplan 3", "Mötet är på plan 3", "Hissen till plan 2 är trasig", "vägen 2 gånger om dagen"]) {
      expect(matches(t, "address"), t).toEqual([]);
    }
  });
});

describe("blocklist", () => {
  it("flags listed threat phrases and inflected slurs, case-insensitively, with the category", () => {
    const flags = screen("JAG SKA DÖDA dig. Svartskallar ut.").filter((f) => f.kind === "blocklist");
    expect(flags.map((f) => [f.match, f.category])).toEqual([
      ["JAG SKA DÖDA", "threat"],
      ["Svartskallar", "slur"],
    ]);
  });

  it("treats å, ä and ö as letters at word boundaries", () => {
    // "bomb" must not match inside "bombastisk" or a word that merely continues with å/ä/ö.
    expect(matches("Det var bombastiskt", "blocklist")).toEqual([]);
    expect(matches("bombå", "blocklist")).toEqual([]);
    expect(matches("åbomb", "blocklist")).toEqual([]);
    expect(matches("Vad gör ni åt bomben?", "blocklist")).toEqual(["bomben"]);
  });

  it("honours exceptions: 'ska skjuta upp' (postpone) is harmless", () => {
    expect(matches("Vi ska skjuta upp mötet", "blocklist")).toEqual([]);
    expect(matches("Han sa att han ska skjuta", "blocklist")).toEqual(["ska skjuta"]);
  });

  it("flags nothing with an empty blocklist", () => {
    expect(prescreen("jag ska döda", { existing: [], blocklist: EMPTY_BLOCKLIST })).toEqual([]);
  });
});

describe("shouting", () => {
  it("flags a text that is mostly upper case", () => {
    const text = "VARFÖR ÄR DET SÅ MÖRKT I PARKEN?";
    const flags = screen(text).filter((f) => f.kind === "shouting");
    expect(flags).toHaveLength(1);
    expect(flags[0].match).toBe("VARFÖR ÄR DET SÅ MÖRKT I PARKEN");
  });

  it("does not flag short upper-case text below the minimum letter count", () => {
    const short = "A".repeat(SHOUTING_MIN_LETTERS - 1);
    expect(matches(short, "shouting")).toEqual([]);
    expect(matches("A".repeat(SHOUTING_MIN_LETTERS), "shouting")).toEqual(["A".repeat(SHOUTING_MIN_LETTERS)]);
    expect(matches("HJÄLP!!!", "shouting")).toEqual([]);
  });

  it("counts letters only: digits and punctuation neither help nor hurt", () => {
    expect(matches("1234567890 !!!! ???? 2025", "shouting")).toEqual([]);
    expect(matches("BUSS 4 KOMMER ALDRIG I TID 2025!!!", "shouting")).toEqual(["BUSS 4 KOMMER ALDRIG I TID"]);
  });

  it("flags a run of shouted words inside normal text, not acronyms", () => {
    expect(matches("Hej, jag undrar VARFÖR GÖR NI INGET åt det?", "shouting")).toEqual(["VARFÖR GÖR NI INGET"]);
    expect(matches("Varför svarar inte SL, SVT eller LSS-handläggaren?", "shouting")).toEqual([]);
  });

  it("does not flag a normally written question", () => {
    expect(matches("Varför är det så mörkt i Rinkebyparken på kvällarna?", "shouting")).toEqual([]);
  });
});

describe("likely duplicates", () => {
  const existing = [
    { id: 1, text: "När kommer belysningen i Rinkebyparken att lagas?" },
    { id: 2, text: "Vad gör polisen åt knarkhandeln vid Tensta centrum?" },
    { id: 3, text: "Kan ni klippa buskarna vid gångtunneln?" },
  ];

  it("flags reworded versions of an existing question with its id and similarity", () => {
    const cases: Array<[string, number]> = [
      ["När ska ni laga belysningen i Rinkebyparken?", 1],
      ["Vad tänker polisen göra åt narkotikahandeln i Tensta centrum?", 2],
      ["Snälla klipp buskarna vid gångtunneln!", 3],
      ["NÄR KOMMER BELYSNINGEN I RINKEBYPARKEN ATT LAGAS", 1],
    ];
    for (const [text, id] of cases) {
      const dups = screen(text, existing).filter((f) => f.kind === "duplicate");
      expect(
        dups.map((d) => d.duplicateOfId),
        text,
      ).toEqual([id]);
      expect(dups[0].similarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
      expect(dups[0].similarity).toBeLessThanOrEqual(1);
    }
  });

  it("does not flag different questions, even about the same place", () => {
    for (const text of [
      "Varför är det så mörkt vid Rinkebyparken på kvällen?",
      "När öppnar fritidsgården igen?",
      "Kan ni sätta upp fler papperskorgar vid busshållplatsen?",
    ]) {
      expect(matches(text, "duplicate", existing), text).toEqual([]);
    }
  });

  it("covers the trimmed question text", () => {
    const text = "  När ska ni laga belysningen i Rinkebyparken?  ";
    const [dup] = screen(text, existing).filter((f) => f.kind === "duplicate");
    expect(dup.start).toBe(2);
    expect(dup.end).toBe(text.length - 2);
  });

  it("is insensitive to case, punctuation, diacritics and word order", () => {
    expect(normaliseForComparison("  Är   DET, mörkt?! ")).toBe("ar det morkt");
    expect(questionSimilarity("Belysningen Rinkebyparken", "rinkebyparken, BELYSNINGEN!")).toBe(1);
    expect(questionSimilarity("gångtunneln", "gangtunneln")).toBe(1);
    expect(questionSimilarity("belysning", "klottret")).toBe(0); // no shared bigram
    expect(questionSimilarity("belysning", "parkering")).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});

describe("offsets for highlighting", () => {
  it("points every flag at its match in the original text, in order", () => {
    const text =
      "Hej! Jag (Åsa) bor på Götgatan 12 lgh 1102, ring 070-123 45 67 eller mejla asa@example.se. " +
      "Pnr 811228-9874. Se www.exempel.se. Jag ska döda honom. VARFÖR GÖR NI INGET ÅT DET";
    const flags = screen(text);
    expectOffsetsConsistent(text, flags);
    expect(flags.map((f) => f.kind)).toEqual(["address", "phone", "email", "personnummer", "url", "blocklist", "shouting"]);
    expect(flags[0].start).toBe(text.indexOf("Götgatan"));
    expect(flags[1].start).toBe(text.indexOf("070"));
    expect(flags[3].end).toBe(text.indexOf("811228-9874") + "811228-9874".length);
  });

  it("keeps offsets right after astral characters (emoji count as two UTF-16 units)", () => {
    const text = "😡😡 ring 0701234567";
    const [f] = screen(text);
    expect(f.kind).toBe("phone");
    expect(f.start).toBe(text.indexOf("0701234567"));
    expectOffsetsConsistent(text, [f]);
  });

  it("returns nothing for an ordinary question", () => {
    expect(screen("Varför är det så mörkt vid busshållplatsen på Götgatan när bussen kommer 18.30?")).toEqual([]);
  });
});
