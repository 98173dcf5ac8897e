// Imports are live bindings: a change in the exporting module is seen by importers, through
// the plain binding, its alias and the namespace object; imports are immutable.
import { count, increment, aliasOfCount } from './lib/counter.mjs';
import * as ns from './lib/counter.mjs';
import def from './lib/counter.mjs';

assertEquals(count, 0);
increment();
assertEquals(count, 1, 'the import sees the update');
assertEquals(aliasOfCount, 1, 'so does the renamed export');
assertEquals(ns.count, 1, 'and the namespace');
assertEquals(def(), 'default fn');
assertEquals(def.name, 'named');
assertThrows(TypeError, function () { count = 5; }, 'imports are immutable');
assertEquals(count, 1);
assertEquals(this, undefined, 'module code has this === undefined');
assert((function () { return this; })() === undefined, 'module code is strict');
print('live bindings ok');
