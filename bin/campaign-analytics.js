#!/usr/bin/env node
'use strict';
// The installed command: runs the bundled CLI (npm run build writes build/cli.js).
require('../build/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
