#!/usr/bin/env node
// The `wardlens` command: runs the CLI bundle that `npm install` builds (see scripts/build.mjs).
import '../dist/cli/wardlens.js';
