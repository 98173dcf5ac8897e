// octane-prelude.js: prepended to every file bench/run.py builds. Gives engines without a
// global `print` (node) one that writes a line to stdout.
if (typeof print === 'undefined') {
  this.print = function (s) { console.log(String(s)); };
}
