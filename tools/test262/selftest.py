#!/usr/bin/env python3
"""tools/test262/selftest.py: checks tools/test262/run.py end to end on a small fake test262
tree, with node (tools/test262/node-shell.js + node-prelude.js) standing in for the kiln
shell. Needs node on PATH. Prints "P passed, F failed" last; exits non-zero on a failure.

Each case is a test file whose frontmatter and body exercise one rule of INTERPRETING.md, and
the status the runner must give it.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, 'run.py')
ENGINE = 'node --experimental-vm-modules --no-warnings ' + os.path.join(HERE, 'node-shell.js')
PRELUDE = os.path.join(HERE, 'node-prelude.js')

HARNESS = {
    'assert.js': 'function assert(c, m) { if (!c) throw new Test262Error(m || "assert"); }\n'
                 'assert.sameValue = function (a, b) { assert(Object.is(a, b), a + " vs " + b); };\n',
    'sta.js': 'function Test262Error(m) { this.message = m || ""; }\n'
              'Test262Error.prototype.toString = function () {\n'
              '  return "Test262Error: " + this.message; };\n'
              'function $DONOTEVALUATE() { throw "Test262: This statement should not be evaluated."; }\n',
    'doneprintHandle.js': 'function $DONE(e) { print(e ? "Test262:AsyncTestFailure:" + e :\n'
                          '  "Test262:AsyncTestComplete"); }\n',
    'helper.js': 'function helperValue() { return 42; }\n',
}

# name -> (frontmatter lines, body, expected status, expected failing mode or None)
CASES = {
    'plain-pass.js': ('', 'assert.sameValue(1 + 1, 2);', 'pass', None),
    'plain-fail.js': ('', 'assert.sameValue(1 + 1, 3);', 'fail', 'sloppy'),
    'sloppy-only-ok.js': ('', 'assert((function () { return this; })() !== undefined);',
                          'fail', 'strict'),
    'no-strict.js': ('flags: [noStrict]', 'assert((function () { return this; })() !== undefined);',
                     'pass', None),
    'only-strict.js': ('flags: [onlyStrict]',
                       'assert((function () { return this; })() === undefined);', 'pass', None),
    'strict-is-first.js': ('flags: [onlyStrict]', 'var public = 1;', 'fail', 'strict'),
    'raw.js': ('flags: [raw]', 'if (typeof assert !== "undefined") throw new Error("harness");',
               'pass', None),
    'includes.js': ('includes: [helper.js]', 'assert.sameValue(helperValue(), 42);', 'pass', None),
    'includes-block.js': ('includes:\n  - helper.js\nflags:\n  - onlyStrict',
                          'assert.sameValue(helperValue(), 42);', 'pass', None),
    'neg-parse.js': ('negative:\n  phase: parse\n  type: SyntaxError',
                     '$DONOTEVALUATE();\nvar x = ;', 'pass', None),
    'neg-parse-evaluated.js': ('negative:\n  phase: parse\n  type: SyntaxError',
                               '$DONOTEVALUATE();', 'fail', 'sloppy'),
    'neg-runtime.js': ('negative:\n  phase: runtime\n  type: ReferenceError',
                       'unresolvable;', 'pass', None),
    'neg-wrong-type.js': ('negative:\n  phase: runtime\n  type: TypeError',
                          'unresolvable;', 'fail', 'sloppy'),
    'neg-no-throw.js': ('negative:\n  phase: runtime\n  type: TypeError', '1;', 'fail', 'sloppy'),
    'async-pass.js': ('flags: [async]', 'Promise.resolve().then(function () { $DONE(); });',
                      'pass', None),
    'async-fail.js': ('flags: [async]', 'Promise.resolve().then(function () { $DONE("no"); });',
                      'fail', 'sloppy'),
    'async-silent.js': ('flags: [async]', 'Promise.resolve();', 'fail', 'sloppy'),
    'realm.js': ('', 'var other = $262.createRealm().global;\n'
                     'assert(other.Array !== Array);\nassert.sameValue($262.evalScript("1+2"), 3);',
                 'pass', None),
    'skipped-feature.js': ('features: [Temporal]', 'throw 1;', 'skip', None),
    'skipped-glob.js': ('features: [let, Intl.Segmenter]', 'throw 1;', 'skip', None),
    'can-block-false.js': ('flags: [CanBlockIsFalse]', 'throw 1;', 'skip', None),
    'module.js': ('flags: [module]', 'import { v } from "./dep_FIXTURE.js";\n'
                  'assert.sameValue(v, 7);\nassert.sameValue(this, undefined);', 'pass', None),
    'module-resolution.js': ('flags: [module]\nnegative:\n  phase: resolution\n'
                             '  type: SyntaxError',
                             '$DONOTEVALUATE();\nimport { nope } from "./dep_FIXTURE.js";',
                             'pass', None),
    'crash.js': ('', 'process.kill(process.pid, "SIGSEGV");', 'crash', 'sloppy'),
    'hang.js': ('', 'for (;;) {}', 'timeout', 'sloppy'),
}
FILES = {'dep_FIXTURE.js': 'export var v = 7;\n'}
SKIPS = '# test skips\nTemporal   # a comment\nIntl.*\n'


def build_tree(root):
    os.makedirs(os.path.join(root, 'harness'))
    os.makedirs(os.path.join(root, 'test', 'suite', 'a'))
    os.makedirs(os.path.join(root, 'test', 'other'))
    for name, text in HARNESS.items():
        with open(os.path.join(root, 'harness', name), 'w') as f:
            f.write(text)
    for name, (meta, body, _, _) in CASES.items():
        with open(os.path.join(root, 'test', 'suite', 'a', name), 'w') as f:
            f.write('// Copyright\n/*---\ndescription: a case\n%s\n---*/\n%s\n' % (meta, body))
    for name, text in FILES.items():
        with open(os.path.join(root, 'test', 'suite', 'a', name), 'w') as f:
            f.write(text)
    with open(os.path.join(root, 'test', 'other', 'elsewhere.js'), 'w') as f:
        f.write('/*---\ndescription: x\n---*/\n')
    with open(os.path.join(root, 'skips.txt'), 'w') as f:
        f.write(SKIPS)


def run(root, *extra):
    argv = [sys.executable, RUN, '--test262-dir', root, '--engine', ENGINE, '--prelude', PRELUDE,
            '--skip-file', os.path.join(root, 'skips.txt'), '--unskip', 'flag:module',
            '--timeout', '3', '--results', os.path.join(root, 'results.json'),
            '--expectations', os.path.join(root, 'expect.txt')] + list(extra)
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(root, 'results.json')) as f:
        return proc.returncode, proc.stdout, json.load(f)


class Checker:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what, detail=''):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL %s %s' % (what, detail))


def main():
    c = Checker()
    root = tempfile.mkdtemp(prefix='kiln-t262-selftest-')
    try:
        build_tree(root)
        code, out, res = run(root, 'test/suite')
        tests = res['tests']
        for name, (_, _, status, mode) in CASES.items():
            got = tests.get('test/suite/a/' + name, {})
            c.check(got.get('status') == status, name, 'expected %s, got %s' % (status, got))
            if mode:
                c.check(got.get('mode') == mode, name + ' mode', 'expected %s, got %s' % (mode, got))
        c.check('test/suite/a/dep_FIXTURE.js' not in tests, 'fixtures are not tests')
        n = len(CASES)
        want = {s: sum(1 for v in CASES.values() if v[2] == s) for s in ('pass', 'skip')}
        last = 'test262: %d passed, %d failed, %d skipped of %d' % (
            want['pass'], n - want['pass'] - want['skip'], want['skip'], n)
        c.check(out.rstrip('\n').split('\n')[-1] == last, 'last line', repr(out[-200:]))
        c.check(code == 0, 'exit 0 without expectations', str(code))
        c.check('test/suite/a ' in out, 'per-directory table', out)

        with open(os.path.join(root, 'expect.txt'), 'w') as f:
            f.write('# header\ntest/other/elsewhere.js\ntest/suite/a/plain-fail.js\n'
                    'test/suite/a/plain-pass.js\n')
        code, out, _ = run(root, 'test/suite', '--filter', 'plain')
        c.check(code != 0, 'regression exits non-zero', str(code))
        c.check('test/suite/a/plain-fail.js' in out and '1 regressions' in out, 'regression listed',
                out)
        code, out, _ = run(root, 'test/suite', '--filter', 'plain', '--update-expectations')
        with open(os.path.join(root, 'expect.txt')) as f:
            text = f.read()
        c.check(code == 0, 'update exits 0', out)
        c.check(text == '# header\ntest/other/elsewhere.js\ntest/suite/a/plain-pass.js\n',
                'update keeps other entries and drops the regression', repr(text))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print('%d passed, %d failed' % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == '__main__':
    sys.exit(main())
