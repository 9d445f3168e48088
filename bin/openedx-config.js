#!/usr/bin/env node
// Runs the bundled CLI (build it first with `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('openedx-config: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
// A CLI run parses each settings module once: compiling the grammar's wasm up front with the
// optimising tier (reported as grammar loading) beats running it in the baseline tier.
require('node:v8').setFlagsFromString('--no-liftoff');
require('node:v8').setFlagsFromString('--no-wasm-lazy-compilation');
const { main } = require(bundle);
main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
  process.exitCode = code;
});
