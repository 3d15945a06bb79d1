// Type-aware lint over everything we write; generated protobuf bindings are not ours to lint.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";
import { layersPlugin } from "./lint/layers.mjs";

export default tseslint.config(
  { ignores: ["node_modules/", ".spark/", ".insights/", ".scratch/", "dist/", "src/connect/proto/gen/", "jvm/", "report/", "**/*.mjs", "bin/"] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // src/ is layered (lint/layers.mjs): an import that runs up a layer fails the lint.
  { files: ["src/**/*.ts"], plugins: { layers: layersPlugin }, rules: { "layers/no-upward-import": "error" } },
);
