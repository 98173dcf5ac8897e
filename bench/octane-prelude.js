// octane-prelude.js: prepended to every file bench/run.py builds. Gives engines without a
// global `print` (node) one that writes a line to stdout.
if (typeof print === 'undefined') {
  this.print = function (s) { console.log(String(s)); };
}
// zlib's Emscripten glue assigns the shell's `read` (d8, SpiderMonkey) when it finds no
// browser or node: give engines without one a stub (it is never called).
if (typeof read === 'undefined') {
  this.read = function (name) { throw new Error('read(' + name + ') is not available'); };
}
// typescript's compiler takes its node path (require('fs')) when it sees a global
// `require`. Node's scripts have none (vm.runInThisContext), d8 has none; the kiln shell,
// Duktape and MuJS define one for their module systems. Hide it so every engine runs the
// same code.
if (typeof require === 'function' && typeof process === 'undefined') {
  try { delete this.require; } catch (e) {}
  if (typeof require === 'function') this.require = undefined;
}
