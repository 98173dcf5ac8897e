// test262-record.js: runs test262 files under node and records what the RegExp engine
// must answer, for replay.c to check against Kiln's engine (src/regexp/) before the
// interpreter can run test262 itself.
//
//   node tests/regexp/test262-record.js <test262 dir> <out file> <test subdir>...
//
// Recorded, per test file:
//   - every RegExp.prototype.exec call on a real RegExp with a string argument (up to
//     200,000 units): pattern, flags, subject, lastIndex and node's answer;
//   - every `new RegExp(p, f)` / `RegExp(p, f)` with string arguments: whether it threw
//     a SyntaxError;
//   - the regex literal of each `negative: {phase: parse, type: SyntaxError}` test
//     (node cannot run those);
//   - for the generated property-escape tests, the code point ranges that
//     /^\p{...}+$/u must match whole (without building the megabyte strings).
// Node's answers are the oracle where it implements the feature; where it does not
// (modifiers, duplicate named groups, a newer Unicode than its ICU), the test file fails
// in node and its records are marked so (replay.c reports them apart).
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [root, outFile, ...dirs] = process.argv.slice(2);
const out = [];
function u32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); out.push(b); }
function u8(v) { out.push(Buffer.from([v])); }
function str(s) {
  u32(s.length);
  const b = Buffer.alloc(2 * s.length);
  for (let i = 0; i < s.length; i++) b.writeUInt16LE(s.charCodeAt(i), 2 * i);
  out.push(b);
}

const harnessCache = {};
function harness(name) {
  if (!(name in harnessCache)) harnessCache[name] = fs.readFileSync(path.join(root, 'harness', name), 'utf8');
  return harnessCache[name];
}

function metadata(src) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(src);
  const meta = m ? m[1] : '';
  const includes = [];
  const inc = /includes:\s*\[([^\]]*)\]/.exec(meta);
  if (inc) for (const s of inc[1].split(',')) if (s.trim()) includes.push(s.trim());
  const incList = /includes:\s*\n((?:\s*-\s*\S+\s*\n)+)/.exec(meta);
  if (incList) for (const l of incList[1].split('\n')) { const t = l.replace(/^\s*-\s*/, '').trim(); if (t) includes.push(t); }
  const flags = (/flags:\s*\[([^\]]*)\]/.exec(meta) || [, ''])[1];
  const negative = /negative:\s*\n\s*phase:\s*parse\s*\n\s*type:\s*SyntaxError/.test(meta) ||
                   /negative:\s*\n\s*type:\s*SyntaxError\s*\n\s*phase:\s*parse/.test(meta);
  return {includes, flags, negative};
}

// The regex literal in a parse-negative test's body: the first line after the
// frontmatter that starts with '/' (after $DONOTEVALUATE()).
function negativeLiteral(src) {
  const body = src.slice(src.indexOf('---*/') + 5);
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('/') || t.startsWith('//') || t.startsWith('/*')) continue;
    let i = 1, inClass = false;
    for (; i < t.length; i++) {
      const c = t[i];
      if (c === '\\') { i++; continue; }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    if (i >= t.length) return null;
    const flags = /^[a-zA-Z]*/.exec(t.slice(i + 1))[0];
    return {pattern: t.slice(1, i), flags};
  }
  return null;
}

// Decodes the JS escapes of a regex literal's source text: none (a literal's text is
// its pattern), but a literal cannot hold a line terminator; the text is taken as is.

let files = 0, failedInNode = 0, records = 0;
const prelude = `
(function() {
  const rec = __record;
  const realExec = RegExp.prototype.exec;
  const sourceOf = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  const flagsOf = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
  const RealRegExp = RegExp;
  Object.defineProperty(RegExp.prototype, 'exec', {value: function exec(s) {
    let entry = null;
    try {
      if (typeof s === 'string' && s.length <= 200000) {
        const d = Object.getOwnPropertyDescriptor(this, 'lastIndex');
        const li = d && typeof d.value === 'number' ? d.value : null;
        const src = sourceOf.call(this);
        const fl = flagsOf.call(this);
        if (li !== null && Number.isInteger(li) && li >= 0 && li <= 0x7fffffff) entry = [src, fl, s, li];
      }
    } catch (e) { entry = null; }
    const r = realExec.call(this, s);
    if (entry) {
      const caps = [];
      if (r) {
        if (r.indices) {
          for (const p of r.indices) caps.push(p ? p[0] : -1, p ? p[1] : -1);
        } else {
          caps.push(r.index, r.index + r[0].length);
          for (let i = 1; i < r.length; i++) caps.push(-2, -2, r[i] === undefined ? -1 : r[i]);
        }
      }
      rec('exec', entry, r ? caps : null);
    }
    return r;
  }, writable: true, configurable: true});
  const wrap = new Proxy(RealRegExp, {
    construct(t, args, nt) {
      const ok = typeof args[0] === 'string' && (args[1] === undefined || typeof args[1] === 'string');
      try { const r = Reflect.construct(t, args, nt); if (ok) rec('syntax', [args[0], args[1] || ''], 0); return r; }
      catch (e) { if (ok && e instanceof SyntaxError) rec('syntax', [args[0], args[1] || ''], 1); throw e; }
    },
    apply(t, self, args) {
      const ok = typeof args[0] === 'string' && (args[1] === undefined || typeof args[1] === 'string');
      try { const r = Reflect.apply(t, self, args); if (ok) rec('syntax', [args[0], args[1] || ''], 0); return r; }
      catch (e) { if (ok && e instanceof SyntaxError) rec('syntax', [args[0], args[1] || ''], 1); throw e; }
    },
  });
  globalThis.RegExp = wrap;
})();
`;
// For the generated property tests: strings as ranges.
const propertyPrelude = `
globalThis.buildString = function(args) { return {__ranges: args}; };
globalThis.testPropertyEscapes = function(regExp, s, expression) {
  __record('property', [regExp.source, regExp.flags, s.__ranges], 1);
};
`;

function walk(dir, list) {
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, list);
    else if (e.name.endsWith('.js') && !e.name.includes('_FIXTURE')) list.push(p);
  }
}

const list = [];
for (const d of dirs) walk(path.join(root, 'test', d), list);
list.sort();
for (const file of list) {
  const src = fs.readFileSync(file, 'utf8');
  const meta = metadata(src);
  if (/\bmodule\b|\basync\b/.test(meta.flags)) continue;
  const rel = path.relative(path.join(root, 'test'), file);
  const recs = [];
  if (meta.negative) {
    const lit = negativeLiteral(src);
    if (lit) recs.push(['syntax', [lit.pattern, lit.flags], 1]);
  } else {
    const isProperty = rel.includes('property-escapes/generated/') && !rel.includes('/strings/');
    let code = harness('assert.js') + '\n' + harness('sta.js') + '\n' + harness('compareArray.js') + '\n' +
               harness('propertyHelper.js') + '\n';
    for (const inc of meta.includes) {
      if (inc === 'regExpUtils.js' && isProperty) continue;
      try { code += harness(inc) + '\n'; } catch (e) {}
    }
    if (isProperty) code += propertyPrelude;
    const strict = /\bonlyStrict\b/.test(meta.flags) ? '"use strict";\n' : '';
    const context = vm.createContext({__record: (kind, entry, result) => recs.push([kind, entry, result]), print() {}});
    let ok = true;
    try {
      vm.runInContext(prelude, context);
      vm.runInContext(strict + code + '\n' + src, context, {timeout: 20000});
    } catch (e) { ok = false; if (process.env.SHOWERR) console.error(rel, String(e).slice(0, 150)); }
    if (!ok) failedInNode++;
    for (const r of recs) r.push(ok);
  }
  files++;
  if (!recs.length) continue;
  u8(0); str(rel);
  for (const [kind, entry, result, ok] of recs) {
    records++;
    if (kind === 'exec') {
      u8(ok === false ? 11 : 1); str(entry[0]); str(entry[1]); str(entry[2]); u32(entry[3]);
      if (!result) { u32(-1); continue; }
      // result: pairs, with "-2,-2,value" for groups whose position node did not give.
      const pairs = [];
      for (let i = 0; i < result.length;) {
        if (result[i] === -2) { pairs.push({text: result[i + 2]}); i += 3; }
        else { pairs.push({s: result[i], e: result[i + 1]}); i += 2; }
      }
      u32(pairs.length);
      for (const p of pairs) {
        if ('text' in p) {
          if (p.text === -1) { u8(0); }         // undefined
          else { u8(2); str(p.text); }          // text only
        } else { u8(1); u32(p.s); u32(p.e); }
      }
    } else if (kind === 'syntax') {
      u8(ok === false ? 12 : 2); str(entry[0]); str(entry[1]); u8(result);
    } else if (kind === 'property') {
      u8(ok === false ? 13 : 3); str(entry[0]); str(entry[1]);
      const a = entry[2];
      u32(a.loneCodePoints.length); for (const c of a.loneCodePoints) u32(c);
      u32(a.ranges.length); for (const [lo, hi] of a.ranges) { u32(lo); u32(hi); }
    }
  }
}
fs.writeFileSync(outFile, Buffer.concat(out));
console.error(`${files} files, ${failedInNode} failed in node, ${records} records`);
