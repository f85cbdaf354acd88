#!/usr/bin/env node
'use strict';
// The installed command: runs the bundled CLI (npm run build writes build/cli.js).
require('../build/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    // A failed write to standard output may have set 2 already (context.ts).
    process.exitCode = Math.max(process.exitCode ?? 0, code);
  });
