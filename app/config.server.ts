import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default("./data/tryggve.sqlite"),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    PUBLIC_URL: z.url().optional(),
    TRUST_PROXY: bool.default(false),
    DEMO_DATA: bool.default(true),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SERVICE_OPERATOR: z.string().default("Stockholms stad, stadsdelsförvaltningarna"),
    CONTACT_EMAIL: z.email().default("tryggve@stockholm.example"),
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
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === "production" && !c.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    if (c.NODE_ENV === "production" && c.TRYGGVE_CLOCK && !c.TRYGGVE_CLOCK_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["TRYGGVE_CLOCK"],
        message: "TRYGGVE_CLOCK is for tests and is refused in production (set TRYGGVE_CLOCK_IN_PRODUCTION=true to allow it, as the end-to-end run does)",
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { SESSION_SECRET: string };

const DEV_SECRET = "dev-only-secret-not-for-production-use-000";

/** Reads and validates configuration; throws with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEV_SECRET };
}
