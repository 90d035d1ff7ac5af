import { defineConfig } from "@playwright/test";
import { e2eClockStart } from "./e2e/clock";

// scripts/e2e.mjs picks a free port and a fresh database file before Playwright starts.
const port = Number(process.env.E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The app's test clock (e2e/clock.ts); set once here so the server and every worker agree.
process.env.E2E_CLOCK ||= e2eClockStart();

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // Chromium's own background traffic is refused by this network; keep it quiet.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      // Required in production: the origin the browser uses, for links and the Origin checks.
      PUBLIC_URL: baseURL,
      DATABASE_PATH: process.env.E2E_DATABASE_PATH ?? "./data/e2e.sqlite",
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      TRUST_PROXY: "true",
      // Single sign-on with the test identity provider scripts/e2e.mjs starts (e2e/oidc.spec.ts).
      ...(process.env.E2E_OIDC_ISSUER
        ? { OIDC_ISSUER: process.env.E2E_OIDC_ISSUER, OIDC_CLIENT_ID: "tryggve", OIDC_CLIENT_SECRET: process.env.E2E_OIDC_CLIENT_SECRET ?? "" }
        : {}),
      DEMO_DATA: "true",
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      // The journeys sign the demo admin and moderator in many times in a row, and a TOTP code
      // cannot be used twice within its 30 s: MFA is required of no role here. e2e/mfa.spec.ts
      // turns it on for an account of its own (and the integration tests cover the required roles).
      MFA_REQUIRED_ROLES: "",
      // A production build on a test clock: allowed explicitly, for this run only.
      TRYGGVE_CLOCK: process.env.E2E_CLOCK,
      TRYGGVE_CLOCK_IN_PRODUCTION: "true",
    },
  },
});
