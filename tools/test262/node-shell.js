// tools/test262/node-shell.js: a stand-in for the kiln shell on Node.js, used only to test the
// test262 runner and tests/js/run.sh while build/kiln cannot run JS yet.
//
//   node [--experimental-vm-modules] tools/test262/node-shell.js [flags] FILE... [--module FILE]
//
// It follows the kiln shell's contract (docs/test262.md): the files run in order in one realm as
// classic scripts (vm.runInThisContext, so top-level `var` and `let` are global bindings, not
// CommonJS locals); `--module FILE` evaluates FILE as an ES module (needs node's
// --experimental-vm-modules); an uncaught exception prints `Uncaught <ToString(value)>` on
// stderr and exits 1. Other `--flags` (e.g. --test262, --gc-interval=100) are accepted and
// ignored: this shell has no $262 or print of its own; tools/test262/node-prelude.js adds them.
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const vm = require('vm');

// The text kiln prints for an uncaught value: ToString(value), or an inspection when that
// throws (a Symbol, or an object whose toString throws).
function describe(value) {
  try {
    return String(value);
  } catch (e) {
    return util.inspect(value);
  }
}

function die(value) {
  process.stderr.write('Uncaught ' + describe(value) + '\n');
  if (value && typeof value.stack === 'string') {
    const frames = value.stack.split('\n').filter((l) => /^\s+at /.test(l));
    process.stderr.write(frames.slice(0, 10).join('\n') + '\n');
  }
  process.exit(1);
}

function runScript(file) {
  const source = fs.readFileSync(file, 'utf8');
  vm.runInThisContext(source, { filename: file });
}

// ES module loading: every specifier is a path relative to the importing module's file
// (test262's rule); `.json` files become a module whose default export is the parsed value.
function moduleLoader() {
  const cache = new Map();
  function load(file) {
    if (cache.has(file)) return cache.get(file);
    const source = fs.readFileSync(file, 'utf8');
    let m;
    if (file.endsWith('.json')) {
      m = new vm.SyntheticModule(['default'], function () {
        this.setExport('default', JSON.parse(source));
      }, { identifier: file });
    } else {
      m = new vm.SourceTextModule(source, {
        identifier: file,
        importModuleDynamically: (spec, ref) => linked(resolve(spec, ref)),
      });
    }
    cache.set(file, m);
    return m;
  }
  function resolve(spec, ref) {
    return load(path.resolve(path.dirname(ref.identifier), spec));
  }
  async function linked(m) {
    if (m.status === 'unlinked') await m.link(resolve);
    if (m.status === 'linked') await m.evaluate();
    return m;
  }
  return { load, resolve, linked };
}

async function runModule(file) {
  if (typeof vm.SourceTextModule !== 'function') {
    throw new Error('node-shell: --module needs node --experimental-vm-modules');
  }
  const loader = moduleLoader();
  const m = loader.load(path.resolve(file));
  await m.link(loader.resolve);
  await m.evaluate();
}

async function main(argv) {
  process.on('uncaughtException', die);
  process.on('unhandledRejection', () => {});  // a rejected promise alone is not a failure
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--module') {
      await runModule(argv[++i]);
    } else if (arg === '--module-base') {
      i++;  // kiln's base directory for import() in scripts; node resolves on its own
    } else if (arg.startsWith('--')) {
      continue;
    } else {
      runScript(arg);
    }
  }
}

main(process.argv.slice(2)).catch(die);
