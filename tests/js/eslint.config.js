// ESLint for the site's scripts and these tests; `make test` runs it from the repository root:
//   tests/js/node_modules/.bin/eslint --config tests/js/eslint.config.js
// With --config, ESLint reads `files` relative to the directory it runs in, so the patterns name
// paths from the root; the packages come from tests/js/node_modules, installed from the lockfile.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // The scripts the site ships: plain browser scripts, not modules, each an IIFE.
    files: ["build_tools/site/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      ...js.configs.recommended.rules,
      // The SCORM adapter swallows whatever a platform throws, on purpose: `catch (e) {}` says so.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // Classic scripts share the page's global scope: only `window.X = ...` may add to it.
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["tests/js/**/*.js", "tests/js/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
];
