#!/usr/bin/env node
// Installs this package into its own node_modules (node_modules/pulumi-realtimekit), the way
// `npm install pulumi-realtimekit` would: package.json, README, licence, PulumiPlugin.yaml (the
// package is also a source-based provider plugin), the compiled dist/ and the schemas in schema/.
//
// Why a copy and not a symlink: programs in this repository (the demo, the end-to-end tests, the
// benchmarks) must see the package exactly as a user does. Pulumi serializes a provider that lives
// in node_modules as a short `require("pulumi-realtimekit/dist/...")`, but inlines local code; and
// the provider process resolves that require from the project folder. A symlink would resolve to
// the repository path and look local. Run after every build (`npm run build` does).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-realtimekit");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

if (!fs.existsSync(path.join(root, "dist", "provider", "index.js"))) {
  console.error("install-self: dist/ is missing; run `npx tsc -p tsconfig.build.json` first");
  process.exit(1);
}

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
const published = { ...pkg, scripts: {}, devDependencies: {} };
fs.writeFileSync(path.join(target, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
for (const file of ["README.md", "LICENSE", "PulumiPlugin.yaml"]) {
  if (fs.existsSync(path.join(root, file))) {
    fs.copyFileSync(path.join(root, file), path.join(target, file));
  }
}
fs.cpSync(path.join(root, "dist"), path.join(target, "dist"), { recursive: true });
fs.cpSync(path.join(root, "schema"), path.join(target, "schema"), { recursive: true });
