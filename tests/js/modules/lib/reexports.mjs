export * from './counter.mjs';              // count, increment, aliasOfCount (not default)
export * as counterNs from './counter.mjs';
export { default as counterDefault } from './counter.mjs';
export const own = 'own';
export { own as 'string name' };
