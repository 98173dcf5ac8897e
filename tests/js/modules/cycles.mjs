// A cycle: hoisted functions are callable across it before either body finished, and an
// uninitialized let binding throws a ReferenceError (TDZ) when read through the cycle.
import { summary, late } from './lib/cycle-a.mjs';
import { tdz } from './lib/cycle-b.mjs';
assertEquals(summary, 'BA:A');
assertEquals(late, 'a-initialized');
assertEquals(tdz, 'ReferenceError');
print('cycles ok');
