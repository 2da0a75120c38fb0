#!/usr/bin/env node
// `prepack` / `postpack`: the package.json that npm packs carries no devDependencies.
//
// Pulumi runs `npm install` in the plugin's folder (the user's node_modules/pulumi-realtimekit)
// before loading it. With the repository's manifest that installs every dev tool and, as the peer
// @pulumi/pulumi is also a dev dependency, a second SDK beside the project's. The packed manifest
// leaves the dev dependencies out, and the peer is optional (peerDependenciesMeta), so that install
// fetches only what the plugin runs. (A runtime option in PulumiPlugin.yaml cannot do it: a YAML
// program's language host passes plugin options to the Node.js host as flags, which it rejects.)
//
//   node scripts/pack-manifest.js strip     before packing: keeps the full manifest aside, writes the packed one
//   node scripts/pack-manifest.js restore   after packing (and at the start of strip): puts the full one back
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const manifest = path.join(root, "package.json");
const kept = path.join(root, ".package.full.json");

function restore() {
  if (fs.existsSync(kept)) {
    fs.renameSync(kept, manifest);
  }
}

function strip() {
  restore();
  const text = fs.readFileSync(manifest, "utf8");
  const { devDependencies: _dev, ...packed } = JSON.parse(text);
  fs.writeFileSync(kept, text);
  fs.writeFileSync(manifest, `${JSON.stringify(packed, null, 2)}\n`);
}

const modes = { strip, restore };
const mode = modes[process.argv[2]];
if (!mode) {
  console.error("usage: node scripts/pack-manifest.js strip|restore");
  process.exit(2);
}
mode();
