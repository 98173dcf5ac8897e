'use strict';

// Builds the add-on with node-gyp against the headers of the running Node,
// never downloading anything. Run by `npm install` (install script) and by
// `npm run build`.
//
// Headers: $npm_config_nodedir if set, else the prefix of the running node
// (process.execPath/../..), which must hold include/node/node_api.h and
// include/node/common.gypi (true for apt/nodesource, the official tarballs
// and nvm). Passing --nodedir stops node-gyp from fetching a header tarball.
//
// node-gyp: $npm_config_node_gyp (npm sets it for scripts), else the copy
// bundled with npm, else `node-gyp` from PATH.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const pkgDir = path.resolve(__dirname, '..');

function findNodeDir() {
  const candidates = [];
  if (process.env.npm_config_nodedir) candidates.push(process.env.npm_config_nodedir);
  candidates.push(path.resolve(process.execPath, '..', '..'));
  for (const dir of candidates) {
    const inc = path.join(dir, 'include', 'node');
    if (fs.existsSync(path.join(inc, 'node_api.h')) &&
        fs.existsSync(path.join(inc, 'common.gypi'))) {
      return dir;
    }
  }
  throw new Error('type-pointer: no Node headers found in ' + candidates.join(' or ') +
    ' (need include/node/node_api.h and include/node/common.gypi);' +
    ' install the headers for node ' + process.version +
    ' or set npm_config_nodedir to the directory that holds include/node');
}

function findNodeGyp() {
  const env = process.env.npm_config_node_gyp;
  if (env && fs.existsSync(env)) return [process.execPath, env];
  const bundled = [
    path.resolve(process.execPath, '..', '..', 'lib', 'node_modules', 'npm',
      'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    bundled.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch (_) { /* not installed next to us */ }
  for (const file of bundled) {
    if (fs.existsSync(file)) return [process.execPath, file];
  }
  return ['node-gyp'];
}

function main() {
  const nodeDir = findNodeDir();
  const [cmd, ...pre] = findNodeGyp();
  const args = [...pre, 'rebuild', '--nodedir=' + nodeDir];
  console.log('type-pointer: node-gyp rebuild --nodedir=' + nodeDir);
  const r = spawnSync(cmd, args, { cwd: pkgDir, stdio: 'inherit' });
  if (r.error) throw r.error;
  process.exit(r.status === null ? 1 : r.status);
}

try {
  main();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
