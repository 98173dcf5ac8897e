// import(): a promise of the namespace; the same module instance as the static import;
// JSON modules; errors reject the promise.
import * as counter from './lib/counter.mjs';
import data from './lib/data.json' with { type: 'json' };

const ns = await import('./lib/counter.mjs');
assertEquals(ns, counter, 'one module instance, one namespace object');
assertEquals(data.name, 'kiln');
assertArrayEquals(data.list, [1, 2, 3]);
assertEquals(Object.getOwnPropertyDescriptor(data, '__proto__').value, 'data', 'JSON.parse semantics');
const json = await import('./lib/data.json', { with: { type: 'json' } });
assertEquals(json.default, data);

async function rejection(promise) {
  try { await promise; } catch (e) { return e.constructor.name; }
  return 'fulfilled';
}
assertEquals(await rejection(import('./lib/missing.mjs')), 'TypeError');
assertEquals(await rejection(import('./lib/syntax-error.mjs')), 'SyntaxError');
assertEquals(await rejection(import('./lib/missing-export.mjs')), 'SyntaxError');
assertEquals(await rejection(import('./lib/data.json', { with: { type: 'css' } })), 'TypeError');
assertEquals(await rejection(import('./lib/counter.mjs', { with: { type: 1 } })), 'TypeError');
assertEquals(await rejection(import('./lib/throws.mjs')), 'RangeError');
assertEquals(await rejection(import('./lib/throws.mjs')), 'RangeError', 'the same error again');
assertEquals(typeof import.meta, 'object');
assertEquals(Object.getPrototypeOf(import.meta), null);
assert(import.meta.url.endsWith('/tests/js/modules/dynamic-import.mjs'), import.meta.url);
assertEquals(import.meta, import.meta, 'one import.meta per module');
print('dynamic import ok');
