// One half of a cycle: b is evaluated first (a imports it) and calls a's hoisted function.
import { fromB, bSawA } from './cycle-b.mjs';
export function fromA() { return 'A'; }
export let late = 'a-initialized';
export const summary = fromB() + ':' + bSawA;
