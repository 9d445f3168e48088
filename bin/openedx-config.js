#!/usr/bin/env node
// Runs the bundled CLI (build it first with `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('openedx-config: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require(bundle).runProcess();
