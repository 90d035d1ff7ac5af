import { describe, expect, it } from "vitest";
import en from "~/i18n/en";
import sv from "~/i18n/sv";
import { createI18n } from "~/i18n/i18n";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("has exactly the same keys in Swedish and English", () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
  });

  it("has no empty strings", () => {
    const leaves = (o: unknown): unknown[] => (typeof o === "object" && o !== null ? Object.values(o).flatMap(leaves) : [o]);
    const all = [...leaves(sv), ...leaves(en)];
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((v) => typeof v !== "string" || v.trim() === "")).toEqual([]);
  });

  it("translates with interpolation in both languages", () => {
    expect(createI18n("sv").t("staffHome.welcome", { name: "Mira" })).toBe("Välkommen, Mira.");
    expect(createI18n("en").t("staffHome.welcome", { name: "Mira" })).toBe("Welcome, Mira.");
  });
});
