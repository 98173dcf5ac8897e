// Top-level await (ES2025 16.2.1.6.2 InnerModuleEvaluation with [[HasTLA]]): siblings run
// in order, a module after an async dependency waits for it, and the importer's own await
// works too.

import { slowValue } from './lib/tla-slow.mjs';
import { syncValue } from './lib/tla-sync.mjs';
tlaLog.push('main');
assertArrayEquals(tlaLog, ['slow start', 'sync', 'slow end', 'main']);
assertEquals(slowValue + syncValue, 'slowsync');
const v = await Promise.resolve(42);
assertEquals(v, 42);
for await (const x of [1, 2]) tlaLog.push(x);
assertArrayEquals(tlaLog.slice(-2), [1, 2]);
print('tla ok');
