import { execFileSync } from "node:child_process";
import fs from "node:fs";

// Server tests run the real Remix build; make one if it is missing.
export default function setup() {
  if (!fs.existsSync("build/index.js")) {
    execFileSync("npx", ["remix", "build"], { stdio: "inherit" });
  }
}
