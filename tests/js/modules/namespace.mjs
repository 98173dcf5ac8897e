// Module namespace exotic objects (ES2025 10.4.6): sorted keys, @@toStringTag, frozen-ish
// behaviour, star exports (ambiguous names are left out), string export names.
import * as ns from './lib/reexports.mjs';
import * as amb from './lib/ambiguous.mjs';
import * as self from './namespace.mjs';
export let later = 1;

assertArrayEquals(Object.keys(ns),
                  ['aliasOfCount', 'count', 'counterDefault', 'counterNs', 'increment', 'own',
                   'string name']);
assertEquals(ns[Symbol.toStringTag], 'Module');
assertEquals(Object.prototype.toString.call(ns), '[object Module]');
assertEquals(Object.getPrototypeOf(ns), null);
assertEquals(Object.isExtensible(ns), false);
assertEquals(ns['string name'], 'own');
assertEquals(ns.counterNs.count, ns.count);
assertEquals(ns.counterDefault(), 'default fn');
assertEquals('default' in ns, false, 'export * skips default');
assertEquals(Reflect.set(ns, 'own', 2), false);
assertEquals(Reflect.deleteProperty(ns, 'own'), false);
assertEquals(Reflect.deleteProperty(ns, 'nothing'), true);
assertThrows(TypeError, function () { 'use strict'; ns.own = 3; });
var d = Object.getOwnPropertyDescriptor(ns, 'own');
assertEquals(d.writable, true);
assertEquals(d.enumerable, true);
assertEquals(d.configurable, false);
assertEquals(Reflect.defineProperty(ns, 'own', {value: 'own'}), true);
assertEquals(Reflect.defineProperty(ns, 'own', {value: 'other'}), false);
assertEquals(Object.isFrozen(ns), false);
assertEquals(Object.isSealed(ns), true);
// Ambiguous star exports: not exported, the unambiguous ones are.
assertArrayEquals(Object.keys(amb), ['only1']);
// A namespace of a module still evaluating: bindings in their TDZ throw.
assertEquals(self.later, 1);
print('namespace ok');
