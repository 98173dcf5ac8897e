// Top-level await: its importers wait until it settles.
globalThis.tlaLog = globalThis.tlaLog || [];
tlaLog.push('slow start');
await new Promise(function (resolve) { setTimeout(resolve, 5); });
await null;
tlaLog.push('slow end');
export const slowValue = 'slow';
