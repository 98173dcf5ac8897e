// A module with a mutable export and a function that changes it (live bindings).
export let count = 0;
export function increment() { count++; }
export default function named() { return 'default fn'; }
export { count as aliasOfCount };
