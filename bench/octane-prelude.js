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
