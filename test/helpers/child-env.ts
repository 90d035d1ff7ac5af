/**
 * The environment for a child process a test starts (the server, a CLI): nothing of the test
 * runner's own environment but PATH and HOME, and the better-sqlite3 binding when the suite runs
 * on another Node version (scripts/node24.mjs sets TRYGGVE_SQLITE_BINDING; without it the child
 * would load the module built for the machine's Node and crash).
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const binding = process.env.TRYGGVE_SQLITE_BINDING;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...(binding ? { TRYGGVE_SQLITE_BINDING: binding } : {}),
    ...extra,
  };
  return env as NodeJS.ProcessEnv;
}
