// Preloaded (`node --require`) by bench:startup into every process it times, the floor included:
// at exit, writes this process's peak resident set (KB) to file descriptor 3 when one is open.
'use strict';
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // No fd 3 (run outside the benchmark): nothing to report.
  }
});
