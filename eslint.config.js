import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "bench/results/**", ".cache/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
    },
  },
  // The layering (docs/decisions/008-layering.md): rules never reach up into glue, transport or UI.
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@remix-run/*", "react", "react-dom", "react-i18next", "socket.io", "socket.io-client"],
              message: "app/domain is framework-free: take db and plain values, return typed results.",
            },
            { group: ["~/routes/*", "**/routes/**"], message: "app/domain must not import routes." },
            { group: ["~/realtime/*", "**/realtime/**"], message: "app/domain must not import realtime: return effects, the caller publishes them." },
            { group: ["~/components/*", "**/components/**"], message: "app/domain must not import UI components." },
            { group: ["~/http/*", "**/http/**"], message: "app/domain must not import the http layer (form and socket glue)." },
            { group: ["~/utils/*", "**/utils/**"], message: "app/domain must not import page utilities." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/realtime/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/components/*", "**/components/**"], message: "app/realtime must not import UI components." },
            { group: ["~/routes/*", "**/routes/**"], message: "app/realtime must not import routes." },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    ignores: ["db/cli/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**", "~/*"], message: "db/ never imports app/." }] }],
    },
  },
);
