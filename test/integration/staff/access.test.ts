/**
 * Every staff route (app/routes/personal.*) refuses whoever may not use it, and changes nothing
 * when it does. The route files are listed from disk, so a new one is checked as soon as it
 * exists: it must be added to ACCESS below (the test fails until it is), and residents are
 * refused by every loader and action whatever the table says.
 *
 * Each call goes to the route module's loader or action with a real context and a real
 * database (the demo data), as the other route tests do. Before and after each refusal every
 * table is hashed; the only rows a refusal may add are audit-log entries that record it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { seedDemo } from "../../../db/seed";
import { can, STAFF_ROLES, type Permission, type StaffRole } from "~/domain/staff/roles";
import { hashPassword } from "~/domain/staff/password.server";
import { createTestDb, tableNames, tableRows } from "../../helpers/db";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { staffCookie, testContext } from "../../helpers/context";

/** "signedIn": any staff member; a Permission: only roles that have it (app/domain/staff/roles.ts). */
type Rule = Permission | "signedIn";
interface Access {
  loader?: Rule;
  action?: Rule;
  /** Not a staff-only route at all; says why. */
  public?: string;
}

const ACCESS: Record<string, Access> = {
  "personal._index.tsx": { loader: "signedIn" },
  // Panelists see and act on their own organisation's measures only (checked below with a foreign panelist).
  "personal.atgarder.$id.tsx": { loader: "signedIn", action: "signedIn" },
  "personal.atgarder._index.tsx": { loader: "measures.manage" },
  "personal.atgarder.mina.tsx": { loader: "measures.respond" },
  "personal.atgarder.ny.tsx": { loader: "measures.manage", action: "measures.manage" },
  "personal.dialoger.$id._index.tsx": { loader: "dialogues.manage", action: "dialogues.manage" },
  "personal.dialoger.$id.aterkoppling.tsx": { loader: "dialogues.manage", action: "dialogues.manage" },
  "personal.dialoger.$id.atgarder.tsx": { loader: "measures.manage", action: "measures.manage" },
  "personal.dialoger.$id.redigera.tsx": { loader: "dialogues.manage", action: "dialogues.manage" },
  "personal.dialoger.$id_.fragor.tsx": { loader: "qa.moderate", action: "qa.moderate" },
  "personal.dialoger.$id_.omrostningar.tsx": { loader: "qa.moderate", action: "qa.moderate" },
  "personal.dialoger._index.tsx": { loader: "dialogues.manage" },
  "personal.dialoger.ny.tsx": { loader: "dialogues.manage", action: "dialogues.manage" },
  "personal.fragor.mina.tsx": { loader: "qa.answer", action: "qa.answer" },
  "personal.fragor.regler.tsx": { loader: "qa.rules.manage", action: "qa.rules.manage" },
  "personal.fragor.skriftliga.tsx": { loader: "qa.moderate", action: "qa.moderate" },
  "personal.granskningslogg.tsx": { loader: "audit.read" },
  "personal.indikatorer.tsx": { loader: "measures.manage", action: "measures.manage" },
  "personal.kameror.$id._index.tsx": { loader: "cameras.manage", action: "cameras.manage" },
  "personal.kameror.$id.granskning.tsx": { loader: "cameras.manage", action: "cameras.manage" },
  // The footage access log: admins only by default, every reading audited (test/integration/cameras/lifecycle.test.ts).
  "personal.kameror.$id.material.tsx": { loader: "cameras.footage", action: "cameras.footage" },
  "personal.kameror.$id.redigera.tsx": { loader: "cameras.manage", action: "cameras.manage" },
  "personal.kameror._index.tsx": { loader: "cameras.manage" },
  "personal.kameror.ny.tsx": { loader: "cameras.manage", action: "cameras.manage" },
  "personal.konton.tsx": { loader: "staff.manage", action: "staff.manage" },
  "personal.logga-in.tsx": { public: "the sign-in page itself" },
  // Single sign-on: starting it and the provider's redirect back happen before anyone is signed in (test/integration/security/oidc.test.ts).
  "personal.sso.tsx": { public: "starts single sign-on, before anyone is signed in" },
  "personal.sso_.callback.tsx": { public: "the identity provider's redirect back, before anyone is signed in" },
  // Only a session that has given its password and waits for its code (test/integration/security/mfa.test.ts).
  "personal.logga-in_.kod.tsx": { public: "the code step of the sign-in" },
  // The loader only redirects to /personal; signing out needs a session.
  "personal.logga-ut.tsx": { loader: "signedIn", action: "signedIn" },
  // Everyone changes their own password (with the current one: test/integration/security/passwords.test.ts).
  "personal.losenord.tsx": { loader: "signedIn", action: "signedIn" },
  // Own MFA settings; also the one page of a session that must set MFA up (test/integration/security/mfa.test.ts).
  "personal.tvastegsverifiering.tsx": { loader: "signedIn", action: "signedIn" },
  "personal.tillganglighetsrapporter.tsx": { loader: "a11y_reports.manage", action: "a11y_reports.manage" },
  "personal.utkorg.$id.tsx": { loader: "dialogues.manage" },
  "personal.utkorg._index.tsx": { loader: "dialogues.manage" },
  "personal.vandringar.$id._index.tsx": { loader: "walks.manage", action: "walks.manage" },
  "personal.vandringar.$id.protokoll.tsx": { loader: "walks.manage", action: "walks.manage" },
  "personal.vandringar.$id.protokoll[.]csv.ts": { loader: "walks.manage" },
  "personal.vandringar.$id.protokoll[.]geojson.ts": { loader: "walks.manage" },
  "personal.vandringar.$id.redigera.tsx": { loader: "walks.manage", action: "walks.manage" },
  "personal.vandringar._index.tsx": { loader: "walks.manage" },
  "personal.vandringar.ny.tsx": { loader: "walks.manage", action: "walks.manage" },
};

const ROUTES_DIR = path.resolve("app/routes");
const ROUTE_FILES = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /^personal\..*\.tsx?$/.test(f))
  .sort();

type Kind = "loader" | "action";
type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
const load = (file: string) => import(path.join(ROUTES_DIR, file)) as Promise<RouteModule>;

let db: DB;
/** Ids of real rows for `$id` segments, by the segment before them. */
const ids: Record<string, string> = {};
const cookies = new Map<string, { cookie: string; csrfToken: string }>();
let measureOrganisation: number;
let linkableObservation: number;

beforeAll(async () => {
  db = await createTestDb();
  await seedDemo(db, { hashPassword });
  // A measure with a responsible organisation, and a published observation in its district not yet linked to anything.
  const pair = await db
    .selectFrom("measures")
    .innerJoin("walk_observations as o", "o.district_id", "measures.district_id")
    .select(["measures.id", "measures.responsible_organisation_id", "o.id as observationId"])
    .where("measures.responsible_organisation_id", "is not", null)
    .where("o.status", "=", "published")
    .where("o.id", "not in", db.selectFrom("measure_sources").select("source_id").where("source_type", "=", "observation"))
    .orderBy("measures.id")
    .executeTakeFirstOrThrow();
  const measure = { id: pair.id };
  measureOrganisation = pair.responsible_organisation_id!;
  linkableObservation = pair.observationId;
  const now = new Date().toISOString();
  const outbox = await db
    .insertInto("email_outbox")
    .values({ created_at: now, kind: "test", to_address: "a@example.org", subject: "S", text_body: "B", status: "stored" })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.dialoger = String((await db.selectFrom("dialogues").select("id").orderBy("id").executeTakeFirstOrThrow()).id);
  ids.vandringar = String((await db.selectFrom("walks").select("id").orderBy("id").executeTakeFirstOrThrow()).id);
  ids.atgarder = String(measure.id);
  ids.kameror = String((await db.selectFrom("cameras").select("id").orderBy("id").executeTakeFirstOrThrow()).id);
  ids.utkorg = String(outbox.id);
  const foreign = await makeOrganisation(db, { name: "En annan organisation" });
  for (const role of STAFF_ROLES) {
    const s = await makeStaff(db, { role, organisation_id: role === "panelist" ? measureOrganisation : null });
    cookies.set(role, await staffCookie(db, s.id));
  }
  const foreignPanelist = await makeStaff(db, { role: "panelist", organisation_id: foreign.id });
  cookies.set("foreignPanelist", await staffCookie(db, foreignPanelist.id));
});
afterAll(async () => {
  await db.destroy();
});

/** "personal.vandringar.$id.protokoll[.]csv.ts" → "/personal/vandringar/12/protokoll.csv" and its params. */
function urlFor(file: string): { url: string; params: Record<string, string> } {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "~")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""));
  const params: Record<string, string> = {};
  const parts = segments.map((s, i) => {
    if (!s.startsWith("$")) return s;
    const id = ids[segments[i - 1]];
    if (!id) throw new Error(`${file}: no test row for a ${segments[i - 1]} id`);
    params[s.slice(1)] = id;
    return id;
  });
  return { url: `http://localhost/${parts.join("/").replace(/~/g, ".")}`, params };
}

/** Calls the loader or action; a thrown Response is the answer too (requireStaff throws). */
async function call(file: string, kind: Kind, auth: { cookie: string; csrfToken: string } | null, fields: Record<string, string> = {}): Promise<Response> {
  const mod = await load(file);
  const fn = mod[kind]!;
  const { url, params } = urlFor(file);
  const headers: Record<string, string> = auth ? { Cookie: auth.cookie } : {};
  const request =
    kind === "loader"
      ? new Request(url, { headers })
      : new Request(url, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...(auth ? { _csrf: auth.csrfToken } : {}), intent: "probe", ...fields }).toString(),
        });
  const context = testContext(db, { participantId: crypto.randomUUID() });
  try {
    const result = await (fn as (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown)({ request, params, context });
    return result instanceof Response ? result : new Response(JSON.stringify(result ?? null), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** One hash per table; session rows without last_seen_at (a lookup may touch it); the audit log apart. */
async function snapshot(): Promise<{ tables: Record<string, string>; audit: Array<{ id: number; action: string }> }> {
  const tables: Record<string, string> = {};
  for (const name of await tableNames(db)) {
    if (name === "audit_log") continue;
    const rows = await tableRows(db, name);
    const comparable = name === "staff_sessions" ? rows.map(({ last_seen_at: _seen, ...rest }) => rest) : rows;
    tables[name] = crypto.createHash("sha256").update(JSON.stringify(comparable)).digest("hex");
  }
  const audit = await db.selectFrom("audit_log").select(["id", "action"]).orderBy("id").execute();
  return { tables, audit };
}

/** Audit entries that record a refusal: the only rows a refused request may write. */
const REFUSAL_AUDIT = ["auth.forbidden", "measure.change_refused"];

/** Runs `probe` and checks it changed nothing but, for a signed-in caller, an audit entry of the refusal. */
async function expectRefusedWithoutChanges(probe: () => Promise<Response>, opts: { staff: boolean }): Promise<Response> {
  const before = await snapshot();
  const res = await probe();
  const after = await snapshot();
  expect(after.tables).toEqual(before.tables);
  const added = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id)).map((a) => a.action);
  expect(added.filter((a) => !REFUSAL_AUDIT.includes(a))).toEqual([]);
  if (!opts.staff) expect(added).toEqual([]);
  return res;
}

const isRefusal = (res: Response) => res.status === 403 || (res.status >= 300 && res.status < 400 && res.headers.has("Location"));

/** Every loader/action of every personal.* file, with the roles that lack its permission. */
const CASES = ROUTE_FILES.flatMap((file) => {
  const rules = ACCESS[file] ?? {};
  return (["loader", "action"] as const).map((kind) => {
    const rule = rules[kind];
    const lacking = rule && rule !== "signedIn" ? STAFF_ROLES.filter((role) => !can(role, rule)) : [];
    return { file, kind, rule, lacking, isPublic: Boolean(rules.public) };
  });
});

describe("the access table", () => {
  it("lists every personal.* route file, and only those", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(20);
    expect(ROUTE_FILES.filter((f) => !(f in ACCESS)).map((f) => `${f}: add it to ACCESS`)).toEqual([]);
    expect(Object.keys(ACCESS).filter((f) => !ROUTE_FILES.includes(f))).toEqual([]);
  });

  it.each(ROUTE_FILES)("%s: the table has a rule for exactly the loader and action the module exports", async (file) => {
    const mod = await load(file);
    const access = ACCESS[file];
    if (access.public) return;
    expect({ loader: typeof mod.loader === "function", action: typeof mod.action === "function" }).toEqual({
      loader: access.loader !== undefined,
      action: access.action !== undefined,
    });
  });
});

describe("residents (no session) are refused by every staff loader and action", () => {
  it.each(CASES.filter((c) => !c.isPublic))("$file $kind", async ({ file, kind }) => {
    const mod = await load(file);
    if (!mod[kind]) return;
    const res = await expectRefusedWithoutChanges(() => call(file, kind, null), { staff: false });
    expect(isRefusal(res), `${file} ${kind} answered ${res.status}`).toBe(true);
  });
});

describe("staff roles without the permission get 403", () => {
  const cases = CASES.flatMap((c) => c.lacking.map((role) => ({ ...c, role })));
  it("covers every role that lacks some permission", () => {
    expect(new Set(cases.map((c) => c.role))).toEqual(new Set<StaffRole>(["moderator", "panelist", "walk_leader"]));
  });
  it.each(cases)("$file $kind as $role (needs $rule)", async ({ file, kind, role }) => {
    const res = await expectRefusedWithoutChanges(() => call(file, kind, cookies.get(role)!), { staff: true });
    expect(res.status, `${file} ${kind} as ${role}`).toBe(403);
  });
});

describe("roles with the permission get the page (the table is not stricter than the code)", () => {
  const cases = CASES.filter((c) => c.kind === "loader" && c.rule && !c.isPublic).flatMap((c) =>
    STAFF_ROLES.filter((role) => c.rule === "signedIn" || can(role, c.rule as Permission)).map((role) => ({ ...c, role })),
  );
  it.each(cases)("$file loader as $role", async ({ file, role }) => {
    // Panelists of the measure's own organisation (set up above) may open it; the logout loader redirects everyone.
    const res = await call(file, "loader", cookies.get(role)!);
    if (file === "personal.logga-ut.tsx") expect(res.status).toBe(302);
    else expect(res.status, `${file} as ${role}`).toBe(200);
  });
});

describe("measures: panelists act only for their own organisation, and never manage", () => {
  const measureFile = "personal.atgarder.$id.tsx";

  it("a panelist of another organisation can neither open nor change the measure", async () => {
    const foreign = cookies.get("foreignPanelist")!;
    expect((await expectRefusedWithoutChanges(() => call(measureFile, "loader", foreign), { staff: true })).status).toBe(403);
    const res = await expectRefusedWithoutChanges(() => call(measureFile, "action", foreign, { intent: "", action: "accept" }), { staff: true });
    expect(res.status).toBe(403);
  });

  it.each(["panelist", "foreignPanelist"])("%s cannot link an observation to a measure (a management task)", async (who) => {
    const res = await expectRefusedWithoutChanges(
      () => call(measureFile, "action", cookies.get(who)!, { intent: "link", sourceType: "observation", sourceId: String(linkableObservation) }),
      { staff: true },
    );
    expect(res.status).toBe(403);
  });

  it("a measure manager can link that observation (so the refusals above are about the role)", async () => {
    const res = await call(measureFile, "action", cookies.get("walk_leader")!, {
      intent: "link",
      sourceType: "observation",
      sourceId: String(linkableObservation),
    });
    expect(res.status).toBe(200);
    const linked = await db
      .selectFrom("measure_sources")
      .select("measure_id")
      .where("source_type", "=", "observation")
      .where("source_id", "=", linkableObservation)
      .executeTakeFirst();
    expect(linked?.measure_id).toBe(Number(ids.atgarder));
  });
});
