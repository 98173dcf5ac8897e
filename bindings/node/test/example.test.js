'use strict';

// Seed 000's example program, byte for byte (example/seed-example.js), run
// as a user would after installing the package: `require('type-pointer')`
// from a fresh directory whose node_modules/type-pointer is this package.

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const PKG = path.resolve(__dirname, '..');
const EXAMPLE = path.join(PKG, 'example', 'seed-example.js');

test('seed 000 example runs unchanged and prints an address', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'type-pointer-example-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'type-pointer'), 'dir');
  fs.copyFileSync(EXAMPLE, path.join(dir, 'seed-example.js'));

  const text = fs.readFileSync(EXAMPLE, 'utf8');
  assert.match(text, /^const TypePointer = require\('type-pointer'\);/);
  assert.match(text, /typePointer\.freeValueByAddr\(addr\);/);

  const r = spawnSync(process.execPath, ['seed-example.js'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' },
  });
  assert.strictEqual(r.stderr, '');
  assert.strictEqual(r.status, 0);
  assert.match(r.stdout, /^0x[0-9a-f]+\n$/);
});
