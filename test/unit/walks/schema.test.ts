import { describe, expect, it } from "vitest";
import { ObservationSchema, WalkFormSchema, observationPayloadFromForm, parseLandmark } from "~/domain/walks/walk.schema";

const base = {
  walkId: 1,
  idempotencyKey: "0b8f1c3e-1111-4aaa-8bbb-123456789abc",
  categories: ["lighting"],
  feeling: 1,
  timeOfDay: "dusk",
  lat: 59.27,
  lng: 18.1,
};

describe("observation payload", () => {
  it("accepts a socket payload and derives positive/lamp-post", () => {
    const r = ObservationSchema.safeParse({ ...base, lampPost: "B 12", categories: ["lighting", "positive", "lighting"] });
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.categories).toEqual(["lighting", "positive"]);
      expect(r.data.positive).toBe(true);
      expect(r.data.lampPost).toBe("B 12");
      expect(r.data.approximate).toBe(false);
    }
    const noLight = ObservationSchema.parse({ ...base, categories: ["litter"], lampPost: "B 12" });
    expect(noLight.lampPost).toBeNull();
  });
  it("refuses coordinates that are not numbers or out of range, with i18n keys", () => {
    const msg = (p: unknown) => {
      const r = ObservationSchema.safeParse(p);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(msg({ ...base, lat: "abc" })).toBe("walks.errors.coordinate");
    expect(msg({ ...base, lat: 95 })).toBe("walks.errors.coordinateRange");
    expect(msg({ ...base, lat: null, lng: null })).toBe("walks.errors.positionRequired");
    expect(msg({ ...base, categories: [] })).toBe("walks.errors.categoriesRequired");
    expect(msg({ ...base, categories: ["nope"] })).toBe("walks.errors.category");
    expect(msg({ ...base, feeling: 4 })).toBe("walks.errors.feelingRequired");
    expect(msg({ ...base, description: "x".repeat(1001) })).toBe("walks.errors.tooLong");
    expect(msg({ ...base, idempotencyKey: "short" })).toBe("walks.errors.idempotencyKey");
  });
  it("without a map point, a landmark from the list gives an approximate position", () => {
    const r = ObservationSchema.parse({ ...base, lat: null, lng: null, landmark: "59.2705,18.1135|Skarpnäcks torg" });
    expect(r).toMatchObject({ lat: 59.2705, lng: 18.1135, approximate: true, address: "Skarpnäcks torg" });
    expect(parseLandmark("1000,1|x")).toBeNull();
  });
  it("reads a no-JS form post with repeated categories", () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({
      walkId: "1",
      idempotencyKey: base.idempotencyKey,
      lat: "59,27",
      lng: "18.1",
      feeling: "2",
      timeOfDay: "dark",
      ratingLighting: "",
    }))
      f.append(k, v);
    f.append("categories", "lighting");
    f.append("categories", "vegetation");
    const r = ObservationSchema.parse(observationPayloadFromForm(f));
    expect(r).toMatchObject({ walkId: 1, lat: 59.27, categories: ["lighting", "vegetation"], feeling: 2, ratings: { lighting: null } });
  });
});

describe("walk form", () => {
  it("converts Stockholm local time to UTC", () => {
    const r = WalkFormSchema.parse({
      title: "Kvällsvandring",
      districtId: "2",
      meetingPoint: "Torget",
      date: "2026-11-10",
      startTime: "18:00",
      endTime: "20:00",
      expectedLight: "dark",
    });
    expect(r.startsAt).toBe("2026-11-10T17:00:00.000Z");
    expect(r.dialogueId).toBeNull();
  });
});
