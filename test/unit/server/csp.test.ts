import { describe, expect, it } from "vitest";
import { tileSource } from "../../../server/app";

describe("CSP source for map tiles", () => {
  it("derives a wildcard host from a {s} subdomain template", () => {
    expect(tileSource("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://*.tile.openstreetmap.org");
  });
  it("keeps a plain host as it is", () => {
    expect(tileSource("https://tiles.stockholm.example/osm/{z}/{x}/{y}.png")).toBe("https://tiles.stockholm.example");
  });
  it("returns null for something that is not a URL", () => {
    expect(tileSource("not a url")).toBeNull();
  });
});
