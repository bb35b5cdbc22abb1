// Entry of the spreadsheet worker thread (imports/sheet-reader.ts). A worker does not inherit the
// main thread's tsx loader (Node 20 refuses a .ts entry even with `--import tsx` in execArgv), so
// it registers tsx itself. tsx's CommonJS hooks run in this thread; its ESM hooks would start a
// hooks thread of their own, ~10 MB more per import (bench/README.md, "Memory").
require('tsx/cjs/api').register();
require('./xlsx-worker.ts');
