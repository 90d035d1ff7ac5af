/**
 * Map benchmark: `npm run bench:map` (not part of the tests). See docs/performance.md#map.
 *
 * For each size (10,000 and 50,000 public observations in one district) it
 * starts the real server (server/app.ts + the Remix build) on loopback with a
 * temporary database, then measures:
 *   - the map data endpoint (/omraden/:slug/platser.json): server time (median
 *     of BENCH_REPEATS requests) and the gzip-compressed size on the wire;
 *   - in headless Chromium (Debian's /usr/bin/chromium, no downloads): time
 *     from the data response's end to the first clustered render, the longest
 *     task while a script pans and zooms, and the most marker elements in the page.
 * Tiles are refused (no external requests), as in the e2e tests.
 *
 * Needs `npx remix build` first. Knobs: BENCH_SIZES=10000,50000 BENCH_REPEATS=7 BENCH_OUT=bench/results/map.json
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import pino from "pino";
import type { ServerBuild } from "@remix-run/node";
import { loadConfig } from "../app/config.server";
import { CATEGORIES } from "../app/domain/walks/categories";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { createServer } from "../server/app";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? "10000,50000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const OUT = process.env.BENCH_OUT ?? path.join(here, "results", "map.json");
const DEADLINE = Date.now() + Number(process.env.BENCH_MAX_MS ?? 6 * 60_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The same launch arguments as playwright.config.ts.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TARGETS = { firstRenderMsAt50k: 1000, longestTaskMs: 100, maxMarkers: 500, gzipBytesAt10k: 200 * 1024, serverMsAt10k: 50 };
const BBOX = { south: 59.245, west: 18.06, north: 59.3, east: 18.175 };

/** Deterministic pseudo-random numbers (mulberry32), so every run has the same points. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(dbPath: string, n: number) {
  const db = createDb(dbPath);
  await migrateToLatest(db);
  const now = new Date().toISOString();
  const d = await db
    .insertInto("districts")
    .values({
      slug: "bench",
      name: "Benchmark",
      centre_lat: 59.2705,
      centre_lng: 18.1135,
      bbox_south: BBOX.south,
      bbox_west: BBOX.west,
      bbox_north: BBOX.north,
      bbox_east: BBOX.east,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const w = await db
    .insertInto("walks")
    .values({
      district_id: d.id,
      title: "Bench",
      meeting_point: "Torget",
      starts_at: now,
      ends_at: now,
      expected_light: "dusk",
      status: "protocol",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const r = rng(42);
  const lights = ["day", "dusk", "dark"] as const;
  for (let start = 0; start < n; start += 1000) {
    await db.transaction().execute(async (trx) => {
      const rows = [];
      for (let i = start; i < Math.min(n, start + 1000); i++) {
        // Points cluster around a few "hot spots", as real walks do.
        const hot = Math.floor(r() * 12);
        const cx = BBOX.south + ((hot % 4) + 0.5) * ((BBOX.north - BBOX.south) / 4);
        const cy = BBOX.west + (Math.floor(hot / 4) + 0.5) * ((BBOX.east - BBOX.west) / 3);
        const spread = r() < 0.7 ? 0.004 : 0.02;
        const lat = Math.min(BBOX.north, Math.max(BBOX.south, cx + (r() - 0.5) * spread));
        const lng = Math.min(BBOX.east, Math.max(BBOX.west, cy + (r() - 0.5) * spread * 2));
        rows.push({
          walk_id: w.id,
          district_id: d.id,
          participant_id: null,
          idempotency_key: `bench-${i}`,
          lat,
          lng,
          categories: JSON.stringify([CATEGORIES[Math.floor(r() * CATEGORIES.length)]]),
          feeling: Math.floor(r() * 4),
          time_of_day: lights[Math.floor(r() * 3)],
          description: "Benchmark",
          status: "published" as const,
          created_at: now,
          updated_at: now,
        });
      }
      // SQLite limits bound parameters per statement; 50 rows × 13 columns stays well under it.
      for (let k = 0; k < rows.length; k += 50)
        await trx
          .insertInto("walk_observations")
          .values(rows.slice(k, k + 50))
          .execute();
    });
  }
  await db.destroy();
}

function get(
  u: string,
  headers: Record<string, string>,
): Promise<{ ms: number; bytes: number; serverTiming: string | undefined; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(u, { headers }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () =>
          resolve({
            ms: performance.now() - t0,
            bytes,
            serverTiming: res.headers["server-timing"] as string | undefined,
            encoding: res.headers["content-encoding"] as string | undefined,
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function runSize(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-bench-map-"));
  const dbPath = path.join(dir, "bench.sqlite");
  const seedStart = performance.now();
  await seed(dbPath, n);
  const seedMs = performance.now() - seedStart;
  // Production needs PUBLIC_URL, the origin the browser uses: pick the port first.
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: "production",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: dbPath,
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret-1",
    LOG_LEVEL: "silent",
    DEMO_DATA: "false",
    PHOTO_DIR: path.join(dir, "photos"),
  });
  const build = (await import(url.pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const db = createDb(dbPath);
  const server = createServer({ config, db, logger: pino({ level: "silent" }), getBuild: () => build, version: "bench" });
  await new Promise<void>((r) => server.httpServer.listen(port, "127.0.0.1", r));
  const base = config.PUBLIC_URL;
  try {
    // ---- endpoint ----
    const endpoint = `${base}/omraden/bench/platser.json`;
    await get(endpoint, { "accept-encoding": "gzip" }); // warm-up (build import, statement cache)
    const totals: number[] = [];
    const dbTimes: number[] = [];
    let gzipBytes = 0;
    let rawBytes = 0;
    for (let i = 0; i < REPEATS; i++) {
      const r = await get(endpoint, { "accept-encoding": "gzip" });
      totals.push(r.ms);
      const m = /dur=([\d.]+)/.exec(r.serverTiming ?? "");
      if (m) dbTimes.push(Number(m[1]));
      gzipBytes = r.encoding === "gzip" ? r.bytes : NaN;
    }
    rawBytes = (await get(endpoint, { "accept-encoding": "identity" })).bytes;

    // ---- browser ----
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "sv-SE" });
    await context.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`${base}/omraden/bench/platser`);
    await page.waitForFunction(() => performance.getEntriesByName("walkmap:rendered").length > 0, null, { timeout: 60_000 });
    const firstRender = await page.evaluate(() => {
      const res = performance.getEntriesByType("resource").find((e) => e.name.includes("/platser.json")) as PerformanceResourceTiming | undefined;
      const rendered = performance.getEntriesByName("walkmap:rendered")[0];
      return { dataReceivedAt: res?.responseEnd ?? NaN, renderedAt: rendered.startTime };
    });
    const markers = () => page.evaluate(() => document.querySelectorAll(".leaflet-marker-icon").length);
    let maxMarkers = await markers();
    // Only count long tasks from here on: the scripted pan and zoom.
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const mapBox = (await page.locator(".walk-map").boundingBox())!;
    const cx = mapBox.x + mapBox.width / 2;
    const cy = mapBox.y + mapBox.height / 2;
    const pan = async (dx: number, dy: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let s = 1; s <= 10; s++) await page.mouse.move(cx + (dx * s) / 10, cy + (dy * s) / 10);
      await page.mouse.up();
      await page.waitForTimeout(400);
      maxMarkers = Math.max(maxMarkers, await markers());
    };
    const zoom = async (dir: "in" | "out") => {
      await page.locator(dir === "in" ? ".leaflet-control-zoom-in" : ".leaflet-control-zoom-out").click();
      await page.waitForTimeout(500);
      maxMarkers = Math.max(maxMarkers, await markers());
    };
    for (const step of ["in", [300, 0], "in", [-200, 150], "in", [0, -250], "in", [250, 200], "out", [-300, 0], "out", "out", [150, -150]] as const) {
      if (typeof step === "string") await zoom(step);
      else await pan(step[0], step[1]);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    await browser.close();
    return {
      observations: n,
      seedMs: Math.round(seedMs),
      endpoint: { serverMsMedian: r1(median(dbTimes)), requestMsMedian: r1(median(totals)), gzipBytes, rawBytes, repeats: REPEATS },
      browser: {
        firstRenderMs: r1(firstRender.renderedAt - firstRender.dataReceivedAt),
        longTasksDuringPanZoom: longTasks.length,
        longestTaskMs: longTasks.length ? r1(Math.max(...longTasks)) : 0,
        maxMarkerElements: maxMarkers,
      },
    };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("run `npx remix build` first");
  const load = os.loadavg();
  const results: Array<Awaited<ReturnType<typeof runSize>>> = [];
  for (const n of SIZES) {
    if (Date.now() > DEADLINE) break;
    results.push(await runSize(n));
  }
  const at = (n: number) => results.find((r) => r.observations === n);
  const r10 = at(10000);
  const r50 = at(50000);
  const verdicts = [
    r50 && {
      target: "first clustered render at 50,000 ≤ 1000 ms",
      measured: `${r50.browser.firstRenderMs} ms`,
      met: r50.browser.firstRenderMs <= TARGETS.firstRenderMsAt50k,
    },
    ...results.map((r) => ({
      target: `no long task > 100 ms while panning/zooming (${r.observations})`,
      measured: `${r.browser.longestTaskMs} ms`,
      met: r.browser.longestTaskMs <= TARGETS.longestTaskMs,
    })),
    ...results.map((r) => ({
      target: `≤ 500 marker elements (${r.observations})`,
      measured: String(r.browser.maxMarkerElements),
      met: r.browser.maxMarkerElements <= TARGETS.maxMarkers,
    })),
    r10 && {
      target: "map data at 10,000 ≤ 200 KB gzip",
      measured: `${Math.round(r10.endpoint.gzipBytes / 1024)} KB`,
      met: r10.endpoint.gzipBytes <= TARGETS.gzipBytesAt10k,
    },
    r10 && {
      target: "map data at 10,000 ≤ 50 ms server time (query and shaping, Server-Timing)",
      measured: `${r10.endpoint.serverMsMedian} ms`,
      met: r10.endpoint.serverMsMedian <= TARGETS.serverMsAt10k,
    },
    // Stricter reading: the whole request as a client on loopback sees it (Remix, JSON, gzip included).
    r10 && {
      target: "map data at 10,000 ≤ 50 ms whole request on loopback",
      measured: `${r10.endpoint.requestMsMedian} ms`,
      met: r10.endpoint.requestMsMedian <= TARGETS.serverMsAt10k,
    },
  ].filter((v): v is { target: string; measured: string; met: boolean } => !!v);
  const out = {
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, loadAverageAtStart: load.map((x) => r1(x)) },
    targets: TARGETS,
    results,
    verdicts,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + "\n");
  console.log(`\nMap benchmark — ${os.cpus().length} cores, node ${process.version}, load ${load.map((x) => r1(x)).join(" ")} at start\n`);
  console.log("observations | server ms (median) | request ms | gzip KB | raw KB | first render ms | longest task ms (pan/zoom) | long tasks | max markers");
  for (const r of results) {
    console.log(
      [
        r.observations,
        r.endpoint.serverMsMedian,
        r.endpoint.requestMsMedian,
        Math.round(r.endpoint.gzipBytes / 1024),
        Math.round(r.endpoint.rawBytes / 1024),
        r.browser.firstRenderMs,
        r.browser.longestTaskMs,
        r.browser.longTasksDuringPanZoom,
        r.browser.maxMarkerElements,
      ].join(" | "),
    );
  }
  console.log("\nTargets:");
  for (const v of verdicts) console.log(`  ${v.met ? "MET   " : "MISSED"}  ${v.target}: ${v.measured}`);
  console.log(`\nwrote ${path.relative(process.cwd(), OUT)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
