// ESLint for the components' browser scripts (`make lint`). The scripts are plain
// browser JavaScript, one IIFE per file, no modules and no build-time imports.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["overrides/assets/components/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
    rules: {
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
      curly: ["error", "multi-line"],
    },
  },
];
