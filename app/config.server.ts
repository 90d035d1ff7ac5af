import { z } from "zod";
import { STAFF_ROLES } from "~/domain/staff/roles";

/** True for "https://host[:port]" with at most a trailing slash: the app is served from the origin's root. */
function isBareOrigin(value: string): boolean {
  if (!URL.canParse(value)) return true; // the URL check above reports it
  const u = new URL(value);
  return u.username === "" && u.password === "" && u.pathname === "/" && u.search === "" && u.hash === "" && !value.includes("?") && !value.includes("#");
}

/** An unset or blank variable is undefined; otherwise trimmed. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

/** https://, or plain http:// only to this machine (the tests' identity provider). */
function isTlsOrLoopback(value: string): boolean {
  if (!URL.canParse(value)) return true; // the URL check reports it
  const u = new URL(value);
  return u.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
}

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default("./data/tryggve.sqlite"),
    // postgres://user:password@host:5432/db selects PostgreSQL (several processes); unset, the SQLite file at DATABASE_PATH.
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://tryggve:secret@db.internal:5432/tryggve")
          .optional(),
      ),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    // The site's public origin: the only source of links in e-mail, iCal UIDs and the Origin checks (docs/security.md).
    PUBLIC_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .pipe(z.url({ protocol: /^https?$/, message: "PUBLIC_URL must be an http:// or https:// URL, e.g. https://tryggve.stockholm.se" }).optional())
      .refine(
        (v) => v === undefined || isBareOrigin(v),
        "PUBLIC_URL must be an origin only (scheme, host and port, no path, query or user), e.g. https://tryggve.stockholm.se",
      ),
    TRUST_PROXY: bool.default(false),
    DEMO_DATA: bool.default(true),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
    // Roles that must use MFA (TOTP) after the password (docs/security.md, "Multi-factor authentication"); empty = none.
    MFA_REQUIRED_ROLES: z
      .string()
      .default("admin,moderator")
      .transform((v) =>
        v
          .split(",")
          .map((r) => r.trim())
          .filter((r) => r !== ""),
      )
      .pipe(z.array(z.enum(STAFF_ROLES, `MFA_REQUIRED_ROLES must be a comma list of ${STAFF_ROLES.join(", ")}`))),
    // Key material for encrypting TOTP secrets (HKDF-SHA256); SESSION_SECRET when unset.
    MFA_ENCRYPTION_KEY: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v : undefined))
      .pipe(z.string().min(32, "MFA_ENCRYPTION_KEY must be at least 32 characters").optional()),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SERVICE_OPERATOR: z.string().default("Stockholms stad, stadsdelsförvaltningarna"),
    CONTACT_EMAIL: z.email().default("tryggve@stockholm.example"),
    // Where vulnerabilities are reported (/.well-known/security.txt, docs/security.md): a mailto: or https: URI; defaults to CONTACT_EMAIL.
    SECURITY_CONTACT: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .pipe(
        z
          .string()
          .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, "SECURITY_CONTACT must be a mailto: or https: URI")
          .optional(),
      ),
    // Dialogues (docs/dialogues.md). Without SMTP_URL every email is kept in the outbox table (/personal/utkorg).
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .pipe(
        z
          .string()
          .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
          .optional(),
      ),
    MAIL_FROM: z.string().min(3).default("Tryggve <no-reply@stockholm.example>"),
    TILE_URL: z.string().default("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
    TILE_ATTRIBUTION: z.string().default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
    REGISTRATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // Safety walks (docs/walks.md): days after a walk during which residents may still add observations.
    WALK_LATE_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    // Where re-encoded observation photos are stored (server-generated names only).
    PHOTO_DIR: z.string().min(1).default("./data/photos"),
    // For tests only (app/clock.ts): the app's clock starts at this instant and then runs at real speed.
    TRYGGVE_CLOCK: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .pipe(z.iso.datetime({ offset: true, message: "TRYGGVE_CLOCK must be an ISO date-time with an offset, e.g. 2026-06-15T17:30:00+02:00" }).optional()),
    // A production build run by the end-to-end tests may set TRYGGVE_CLOCK only with this as well.
    TRYGGVE_CLOCK_IN_PRODUCTION: bool.default(false),
    // Staff single sign-on over OpenID Connect (docs/security.md); off unless OIDC_ISSUER is set.
    OIDC_ISSUER: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, message: "OIDC_ISSUER must be the identity provider's issuer URL, e.g. https://login.stockholm.example" })
        .refine(isTlsOrLoopback, "OIDC_ISSUER must be https:// (plain http only on this machine: localhost, 127.0.0.1 or [::1])")
        .optional(),
    ),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_SCOPES: z
      .string()
      .default("openid email profile")
      .transform((v) => v.trim().split(/\s+/).filter(Boolean).join(" "))
      .refine((v) => v.split(" ").includes("openid"), "OIDC_SCOPES must include openid"),
    OIDC_MATCH: z.enum(["email", "sub"], "OIDC_MATCH must be email or sub").default("email"),
    OIDC_BUTTON_LABEL: optionalText,
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === "production" && !c.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    if (c.NODE_ENV === "production" && !c.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message:
          "PUBLIC_URL is required in production: the site's public origin (e.g. https://tryggve.stockholm.se), used for every link in e-mail and calendars and for the Origin checks; it is never taken from the request's Host header",
      });
    }
    if (c.OIDC_ISSUER && !c.OIDC_CLIENT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_ID"],
        message: "OIDC_CLIENT_ID is required when OIDC_ISSUER is set (the client id registered at the identity provider)",
      });
    }
    if (c.NODE_ENV === "production" && c.TRYGGVE_CLOCK && !c.TRYGGVE_CLOCK_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["TRYGGVE_CLOCK"],
        message: "TRYGGVE_CLOCK is for tests and is refused in production (set TRYGGVE_CLOCK_IN_PRODUCTION=true to allow it, as the end-to-end run does)",
      });
    }
  });

/**
 * PUBLIC_URL is always set: the configured origin (normalised, no trailing slash), or in
 * development and tests `http://localhost:${PORT}`. Never derived from a request.
 */
export type Config = Omit<z.infer<typeof ConfigSchema>, "SESSION_SECRET" | "PUBLIC_URL"> & { SESSION_SECRET: string; PUBLIC_URL: string };

const DEV_SECRET = "dev-only-secret-not-for-production-use-000";

/** Reads and validates configuration; throws with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const data = parsed.data;
  return {
    ...data,
    SESSION_SECRET: data.SESSION_SECRET ?? DEV_SECRET,
    PUBLIC_URL: data.PUBLIC_URL ? new URL(data.PUBLIC_URL).origin : `http://localhost:${data.PORT}`,
  };
}
