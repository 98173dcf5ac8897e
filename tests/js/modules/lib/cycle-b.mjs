import { fromA, late } from './cycle-a.mjs';
export function fromB() { return 'B' + fromA(); }
// a's function declarations exist before a runs; its let bindings are in their TDZ.
export let bSawA = fromA();
let tdz = 'none';
try { late; } catch (e) { tdz = e.constructor.name; }
export { tdz };
