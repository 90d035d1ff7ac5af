import { describe, expect, it } from "vitest";
import { ALONG_ROUTE_MARGIN_METERS, walkArea } from "~/domain/measures/checks.server";
import { CheckAnswerSchema } from "~/domain/measures/checks.schema";

describe("walkArea", () => {
  it("is the route and meeting point box grown by the margin", () => {
    const box = walkArea({
      route: [
        [18.0, 59.3],
        [18.01, 59.31],
      ],
      meetingLat: 59.29,
      meetingLng: 18.0,
    })!;
    const dLat = ALONG_ROUTE_MARGIN_METERS / 111_320;
    expect(box.south).toBeCloseTo(59.29 - dLat, 6);
    expect(box.north).toBeCloseTo(59.31 + dLat, 6);
    expect(box.west).toBeLessThan(18.0);
    expect(box.east).toBeGreaterThan(18.01);
  });
  it("is null without route and meeting point", () => {
    expect(walkArea({ route: null, meetingLat: null, meetingLng: null })).toBeNull();
  });
});

describe("CheckAnswerSchema", () => {
  it("trims the comment and turns an empty one into null", () => {
    expect(CheckAnswerSchema.parse({ measureId: "7", answer: "partly", comment: "   " })).toEqual({ measureId: 7, answer: "partly", comment: null });
  });
  it("refuses an unknown answer with an i18n key", () => {
    const r = CheckAnswerSchema.safeParse({ measureId: "7", answer: "kanske" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("measures.checks.errors.answerRequired");
  });
});
