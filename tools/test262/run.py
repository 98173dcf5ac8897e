#!/usr/bin/env python3
"""tools/test262/run.py: runs tc39/test262 against the kiln shell and reports conformance.

    tools/test262/run.py --test262-dir vendor/test262 [options] [test/language ...]

Each test file becomes one or two engine runs (sloppy and strict, or one for onlyStrict,
noStrict, raw and module tests). A run's source is the harness (assert.js, sta.js, and
doneprintHandle.js for async tests), then the test's includes, then the test, written to one
temporary file; module tests run the original file with `--module` after a harness script.
The engine is spawned directly, `ENGINE [--flags] --test262 [PRELUDE] FILE`, and judged by its
exit status and the `Uncaught <Name>: ...` line it prints (the shell contract: docs/test262.md).

Standard library only. The last line printed is always
`test262: P passed, F failed, S skipped of T`.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(REPO, 'tools', 'test262')

# Statuses of a test. crash (killed by a signal, sanitizer report, odd exit code) and timeout
# are failures, reported apart from a wrong result.
PASS, FAIL, CRASH, TIMEOUT, SKIP = 'pass', 'fail', 'crash', 'timeout', 'skip'
FAILED = (FAIL, CRASH, TIMEOUT)

# The kiln shell's main agent can block (Atomics.wait is allowed), like other engine shells.
HOST_CAN_BLOCK = True

# ---------------------------------------------------------------------------------------------
# Frontmatter: the YAML between /*--- and ---*/, read without a YAML library. Top-level keys
# start at the block's base indentation; a key's value is its inline text plus the more
# indented lines below it. Lists are flow (`[a, b]`, possibly over several lines) or block
# (`- a` lines); `negative` is a block (or flow) mapping of phase and type.

META_RE = re.compile(rb'/\*---(.*?)---\*/', re.S)
KEY_RE = re.compile(r'^([A-Za-z_][\w-]*)\s*:(.*)$')


def meta_blocks(text):
    """Returns {key: [inline value, following lines...]} for the frontmatter text."""
    lines = re.split(r'\r\n|\r|\n', text)
    nonblank = [l for l in lines if l.strip()]
    base = min((len(l) - len(l.lstrip()) for l in nonblank), default=0)
    blocks, key = {}, None
    for line in lines:
        body = line[base:] if len(line) >= base else line.strip()
        match = KEY_RE.match(body) if body[:1] not in (' ', '\t', '') else None
        if match:
            key = match.group(1)
            blocks[key] = [match.group(2).strip()]
        elif key is not None:
            blocks[key].append(line)
    return blocks


def strip_scalar(s):
    s = re.sub(r'\s+#.*$', '', s).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in '"\'':
        s = s[1:-1]
    return s


def parse_list(block):
    if not block:
        return []
    joined = ' '.join([block[0]] + [l.strip() for l in block[1:]])
    if joined.startswith('['):
        inner = joined[1:joined.find(']')] if ']' in joined else joined[1:]
        return [strip_scalar(x) for x in inner.split(',') if strip_scalar(x)]
    items = []
    for line in block[1:]:
        m = re.match(r'^\s*-\s*(.*)$', line)
        if m and strip_scalar(m.group(1)):
            items.append(strip_scalar(m.group(1)))
    return items


def parse_negative(block):
    if not block:
        return None
    text = ' '.join(block).replace('{', ' ').replace('}', ' ').replace(',', ' ')
    phase = re.search(r'\bphase\s*:\s*([\w$]+)', text)
    kind = re.search(r'\btype\s*:\s*([\w$]+)', text)
    if not phase or not kind:
        return None
    return {'phase': phase.group(1), 'type': kind.group(1)}


def parse_meta(source):
    """The metadata of a test's source (bytes) as a dict with includes, flags, features
    (lists) and negative (None or {phase, type})."""
    m = META_RE.search(source)
    blocks = meta_blocks(m.group(1).decode('utf-8', 'replace')) if m else {}
    return {
        'includes': parse_list(blocks.get('includes')),
        'flags': parse_list(blocks.get('flags')),
        'features': parse_list(blocks.get('features')),
        'negative': parse_negative(blocks.get('negative')),
    }

# ---------------------------------------------------------------------------------------------
# The skip file: one entry a line, `#` starts a comment. An entry is a feature name (shell
# glob allowed, e.g. `Intl.*`), `flag:NAME` (tests carrying that flag), or `path:PREFIX`
# (tests whose path starts with PREFIX).


def load_skips(path, unskip):
    skips = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            entry = line.split('#', 1)[0].strip()
            if entry and entry not in unskip:
                skips.append(entry)
    return skips


def skip_reason(rel, meta, skips):
    """Why the test at path rel is skipped, or None to run it."""
    flags = meta['flags']
    if ('CanBlockIsFalse' if HOST_CAN_BLOCK else 'CanBlockIsTrue') in flags:
        return 'host: CanBlock is %s' % ('true' if HOST_CAN_BLOCK else 'false')
    for entry in skips:
        if entry.startswith('flag:'):
            if entry[5:] in flags:
                return entry
        elif entry.startswith('path:'):
            if rel.startswith(entry[5:]):
                return entry
        else:
            for feature in meta['features']:
                if fnmatch.fnmatchcase(feature, entry):
                    return 'feature:' + feature
    return None

# ---------------------------------------------------------------------------------------------
# Running one test.


class Runner:
    """Builds each run's source, spawns the engine, judges the result. Shared by the worker
    threads: the harness cache is filled idempotently, each thread has its own temp files."""

    def __init__(self, opts, tmpdir):
        self.opts = opts
        self.tmpdir = tmpdir
        self.harness = {}
        self.local = threading.local()
        self.next_id = 0
        self.lock = threading.Lock()
        self.engine = shlex.split(opts.engine) + shlex.split(opts.flags) + ['--test262']
        if opts.prelude:
            self.engine.append(os.path.abspath(opts.prelude))

    def harness_file(self, name):
        text = self.harness.get(name)
        if text is None:
            path = os.path.join(self.opts.test262_dir, 'harness', name)
            with open(path, 'rb') as f:
                text = f.read()
            if not text.endswith(b'\n'):
                text += b'\n'
            self.harness[name] = text
        return text

    def temp_path(self, suffix):
        if not hasattr(self.local, 'id'):
            with self.lock:
                self.local.id = self.next_id
                self.next_id += 1
        return os.path.join(self.tmpdir, 'w%d%s' % (self.local.id, suffix))

    def prologue(self, meta):
        names = ['assert.js', 'sta.js']
        if 'async' in meta['flags']:
            names.append('doneprintHandle.js')
        names += meta['includes']
        return b''.join(self.harness_file(n) for n in names)

    def modes(self, meta):
        flags = meta['flags']
        if 'raw' in flags:
            return ['raw']
        if 'module' in flags:
            return ['module']
        if 'onlyStrict' in flags:
            return ['strict']
        if 'noStrict' in flags:
            return ['sloppy']
        return ['sloppy', 'strict']

    def line_offset(self, mode, meta):
        """How many lines of the run's file come before the test's first line."""
        if mode in ('raw', 'module'):
            return 0
        return self.prologue(meta).count(b'\n') + (mode == 'strict')

    def command(self, mode, path, source, meta):
        """Writes the run's files and returns the engine's argv."""
        if mode == 'module':
            harness = self.temp_path('-harness.js')
            with open(harness, 'wb') as f:
                f.write(self.prologue(meta))
            return self.engine + [harness, '--module', path]
        if mode == 'raw':
            text = source
        else:
            text = self.prologue(meta) + source
            if mode == 'strict':
                text = b'"use strict";\n' + text
        combined = self.temp_path('.js')
        with open(combined, 'wb') as f:
            f.write(text)
        # import() in the combined script resolves its _FIXTURE files next to the test.
        return self.engine + ['--module-base', os.path.dirname(path), combined]

    def spawn(self, argv):
        """Returns (exit code or None on timeout, stdout, stderr) as text."""
        try:
            proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=self.opts.timeout)
            code, out, err = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            code, out, err = None, e.stdout or b'', e.stderr or b''
        return code, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')

    def run(self, rel):
        """Runs the test at path rel (relative to the test262 root): returns its record."""
        path = os.path.join(self.opts.test262_dir, rel)
        with open(path, 'rb') as f:
            source = f.read()
        meta = parse_meta(source)
        reason = skip_reason(rel, meta, self.opts.skips)
        if reason:
            return {'status': SKIP, 'reason': reason}
        modes = self.modes(meta)
        for mode in modes:
            try:
                code, out, err = self.spawn(self.command(mode, path, source, meta))
            except OSError as e:
                return {'status': FAIL, 'mode': mode, 'error': 'runner: %s' % e}
            status, error = judge(meta, code, out, err, self.opts.timeout)
            if status != PASS:
                return {'status': status, 'mode': mode, 'error': error,
                        'stderr': tail(err), 'stdout': tail(out),
                        'offset': self.line_offset(mode, meta)}
        return {'status': PASS, 'mode': '+'.join(modes)}


UNCAUGHT_RE = re.compile(r'^Uncaught (.*)$', re.M)
SANITIZER_RE = re.compile(r'ERROR: (AddressSanitizer|LeakSanitizer|ThreadSanitizer)|'
                          r'runtime error: ')


def shown(path):
    """path relative to the current directory when it lies below it, else absolute."""
    rel = os.path.relpath(path)
    return os.path.abspath(path) if rel.startswith('..') else rel


def tail(text, lines=15):
    return '\n'.join(text.rstrip('\n').split('\n')[-lines:]) if text.strip() else ''


def clip(text, limit=300):
    return text if len(text) <= limit else text[:limit] + '...'


def uncaught(err):
    """(error name, the Uncaught line) from the engine's stderr, or (None, None)."""
    m = UNCAUGHT_RE.search(err)
    if not m:
        return None, None
    name = re.match(r'[^\s:]*', m.group(1)).group(0)
    return name, m.group(0)


def judge(meta, code, out, err, timeout):
    """(status, error excerpt) of one run from the engine's exit code and output."""
    if code is None:
        return TIMEOUT, 'timed out after %gs' % timeout
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = 'signal %d' % -code
        return CRASH, 'killed by %s: %s' % (name, clip(tail(err, 3)))
    if SANITIZER_RE.search(err):
        return CRASH, 'sanitizer: ' + clip(SANITIZER_RE.search(err).group(0) + ' ' + tail(err, 3))
    if code not in (0, 1):
        return CRASH, 'exit code %d: %s' % (code, clip(tail(err, 3)))
    name, line = uncaught(err)
    negative = meta['negative']
    if negative:
        expected = '%s %s' % (negative['phase'], negative['type'])
        if code == 0:
            return FAIL, 'expected %s, but no exception was thrown' % expected
        if name != negative['type']:
            return FAIL, 'expected %s, got: %s' % (expected, clip(line or tail(err, 3)))
        return PASS, None
    if code != 0:
        return FAIL, clip(line or 'exit code 1: ' + tail(err, 3))
    if 'async' in meta['flags']:
        failure = re.search(r'^Test262:AsyncTestFailure:.*$', out, re.M)
        if failure:
            return FAIL, clip(failure.group(0))
        if not re.search(r'^Test262:AsyncTestComplete\s*$', out, re.M):
            return FAIL, 'async test did not print Test262:AsyncTestComplete'
    return PASS, None

# ---------------------------------------------------------------------------------------------
# Selecting tests, expectations, reports.


def rel_root(arg, test262_dir):
    """A command-line test path as a path relative to the test262 root, '/'-separated."""
    candidate = os.path.abspath(arg)
    root = os.path.abspath(test262_dir)
    if not (os.path.exists(candidate) and candidate.startswith(root + os.sep)):
        candidate = os.path.join(root, arg)
    if not os.path.exists(candidate):
        sys.exit('run.py: no such test path: %s (relative to %s)' % (arg, test262_dir))
    return os.path.relpath(candidate, root).replace(os.sep, '/').rstrip('/')


def is_test(rel):
    return rel.endswith('.js') and '_FIXTURE' not in rel


def under(rel, root):
    return rel == root or rel.startswith(root + '/')


def selected(rel, roots, filt):
    return is_test(rel) and any(under(rel, r) for r in roots) and (not filt or filt in rel)


def discover(test262_dir, roots, filt):
    found = set()
    for root in roots:
        full = os.path.join(test262_dir, root)
        if os.path.isfile(full):
            if selected(root, roots, filt):
                found.add(root)
            continue
        for dirpath, dirnames, filenames in os.walk(full):
            dirnames.sort()
            base = os.path.relpath(dirpath, test262_dir).replace(os.sep, '/')
            for name in filenames:
                rel = base + '/' + name
                if selected(rel, roots, filt):
                    found.add(rel)
    return sorted(found)


def group_of(rel, roots, depth):
    """The table row of a test: its path cut to `depth` components below its root (the
    default depth is 1: test/language -> test/language/expressions)."""
    root = max((r for r in roots if under(rel, r)), key=len)
    keep = len(root.split('/')) + depth
    parts = rel.split('/')[:-1]
    return '/'.join(parts[:keep])


REVISION_TAG = '# test262 revision: '


def test262_revision(test262_dir):
    """The checkout's git commit, or None when it is not a git checkout."""
    try:
        proc = subprocess.run(['git', '-C', test262_dir, 'rev-parse', 'HEAD'],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def read_expectations(path):
    """(header comment lines, recorded test262 revision or None, set of test paths)."""
    header, revision, entries = [], None, set()
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if line.startswith(REVISION_TAG):
                    revision = line[len(REVISION_TAG):].strip()
                elif line.startswith('#'):
                    header.append(line)
                elif line.strip():
                    entries.add(line.strip())
    return header, revision, entries


def write_expectations(path, header, revision, entries):
    with open(path, 'w', encoding='utf-8') as f:
        for line in header:
            f.write(line + '\n')
        if revision:
            f.write(REVISION_TAG + revision + '\n')
        for entry in sorted(entries):
            f.write(entry + '\n')


def print_table(results, roots, depth):
    rows = {}
    for rel, r in results.items():
        row = rows.setdefault(group_of(rel, roots, depth), [0, 0, 0])
        row[0 if r['status'] == PASS else 2 if r['status'] == SKIP else 1] += 1
    width = max([len(k) for k in rows] + [9])
    print('%-*s %8s %8s %8s %8s %7s' % (width, 'directory', 'passed', 'failed', 'skipped',
                                        'total', '%'))
    totals = [0, 0, 0]
    for key in sorted(rows):
        p, f, s = rows[key]
        totals = [totals[0] + p, totals[1] + f, totals[2] + s]
        print('%-*s %8d %8d %8d %8d %6.1f%%' % (width, key, p, f, s, p + f + s,
                                               100.0 * p / max(1, p + f + s)))
    p, f, s = totals
    print('%-*s %8d %8d %8d %8d %6.1f%%' % (width, 'total', p, f, s, p + f + s,
                                           100.0 * p / max(1, p + f + s)))


def write_results(path, opts, results, counts):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tests = {}
    for rel in sorted(results):
        r = results[rel]
        entry = {'status': r['status']}
        for key in ('mode', 'reason', 'error'):
            if r.get(key):
                entry[key] = r[key]
        tests[rel] = entry
    doc = {'engine': opts.engine, 'flags': opts.flags, 'test262_dir': opts.test262_dir,
           'summary': counts, 'tests': tests}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')


class Progress:
    """A `\\r[done/total] ...` line on a terminal, else a line every 1000 tests."""

    def __init__(self, total):
        self.total = total
        self.tty = sys.stdout.isatty()
        self.last = 0.0

    def update(self, done, counts, force=False):
        text = '[%d/%d] %d passed, %d failed, %d skipped' % (
            done, self.total, counts['passed'], counts['failed'], counts['skipped'])
        if self.tty:
            now = time.monotonic()
            if force or now - self.last > 0.1:
                self.last = now
                sys.stdout.write('\r' + text + ('\n' if force else ''))
                sys.stdout.flush()
        elif done % 1000 == 0 or force:
            print(text, flush=True)


def report_failure(rel, r):
    print('%s %s [%s]: %s' % (r['status'].upper(), rel, r.get('mode', ''), r.get('error', '')))
    if r.get('offset'):
        print('  (the harness comes first: line N of the test is line N+%d of the run\'s file)'
              % r['offset'])
    for label in ('stderr', 'stdout'):
        if r.get(label):
            print('  --- %s (tail) ---' % label)
            print('\n'.join('  ' + l for l in r[label].split('\n')))


def run_all(opts, tests, runner):
    results = {}
    counts = {'passed': 0, 'failed': 0, 'skipped': 0, 'crashed': 0, 'timed_out': 0,
              'total': len(tests)}
    progress = Progress(len(tests))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs)
    try:
        futures = {pool.submit(runner.run, rel): rel for rel in tests}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            rel = futures[future]
            r = future.result()
            results[rel] = r
            status = r['status']
            counts['passed' if status == PASS else 'skipped' if status == SKIP
                   else 'failed'] += 1
            counts['crashed'] += status == CRASH
            counts['timed_out'] += status == TIMEOUT
            if opts.verbose and status in FAILED:
                if progress.tty:
                    sys.stdout.write('\r\033[K')
                report_failure(rel, r)
            progress.update(done, counts)
    finally:
        # On ^C the running engines get SIGINT too; queued tests must not start.
        pool.shutdown(wait=True, cancel_futures=True)
    progress.update(len(tests), counts, force=True)
    return results, counts

# ---------------------------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(
        description='Run test262 against the kiln shell (docs/test262.md).')
    p.add_argument('paths', nargs='*', help='test directories or files, relative to the '
                   'test262 checkout (default: test/language)')
    p.add_argument('--test262-dir', default=os.environ.get('TEST262_DIR'),
                   help='the test262 checkout (default: $TEST262_DIR)')
    p.add_argument('--engine', default=os.path.join(REPO, 'build', 'kiln'),
                   help='engine command, split like a shell would (default: build/kiln)')
    p.add_argument('--flags', default='', help='engine flags, e.g. "--gc-interval=100"')
    p.add_argument('--prelude', help='a script run before the harness in every test, for '
                   'engines without --test262 support (e.g. tools/test262/node-prelude.js)')
    p.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    p.add_argument('--timeout', type=float, default=10.0, help='seconds per run (default 10)')
    p.add_argument('--filter', help='run only tests whose path contains this substring')
    p.add_argument('--verbose', action='store_true',
                   help='print each failure with the tail of the engine output')
    p.add_argument('--list-failures', action='store_true', help='list failing tests at the end')
    p.add_argument('--results', default=os.path.join(REPO, 'build', 'test262-results.json'))
    p.add_argument('--expectations', default=os.path.join(HERE, 'expectations.txt'))
    p.add_argument('--update-expectations', action='store_true',
                   help='rewrite the expectations of the tests selected by this run')
    p.add_argument('--skip-file', default=os.path.join(HERE, 'skip-features.txt'))
    p.add_argument('--unskip', action='append', default=[], metavar='ENTRY',
                   help='ignore this skip-file entry (e.g. flag:module); repeatable')
    p.add_argument('--table-depth', type=int, default=1,
                   help='levels below each test path the table groups by (default 1)')
    # argparse takes `--flags --gc-interval=1` for two options: join such values first.
    joined = []
    for arg in argv:
        if joined and joined[-1] in ('--flags', '--engine'):
            joined[-1] += '=' + arg
        else:
            joined.append(arg)
    opts = p.parse_args(joined)
    if not opts.test262_dir:
        p.error('no test262 checkout: pass --test262-dir or set TEST262_DIR')
    if not os.path.isfile(os.path.join(opts.test262_dir, 'harness', 'assert.js')):
        p.error('%s is not a test262 checkout (no harness/assert.js)' % opts.test262_dir)
    opts.test262_dir = os.path.abspath(opts.test262_dir)
    engine = shlex.split(opts.engine)
    if not engine or not shutil.which(engine[0]):
        p.error('engine not found: %s (build it, or pass --engine)' % opts.engine)
    opts.jobs = max(1, opts.jobs)
    return opts


def check_expectations(opts, roots, results, counts):
    """Prints regressions (expected passes that ran and did not pass); rewrites the file when
    asked. Returns the number of regressions that should fail the run."""
    header, recorded, expected = read_expectations(opts.expectations)
    revision = test262_revision(opts.test262_dir)
    if recorded and revision and recorded != revision and not opts.update_expectations:
        print('note: expectations were recorded with test262 %s; this checkout is %s' % (
            recorded[:12], revision[:12]))
    ran = {rel for rel, r in results.items() if r['status'] != SKIP}
    regressions = sorted(rel for rel in expected & ran if results[rel]['status'] != PASS)
    gone = sorted(rel for rel in expected if selected(rel, roots, opts.filter)
                  and rel not in ran)
    if gone:
        print('note: %d expected passes were skipped or are no longer in the checkout'
              % len(gone))
    if regressions:
        print('%d regressions (listed in %s, did not pass):' % (
            len(regressions), shown(opts.expectations)))
        for rel in regressions:
            print('  %s: %s' % (rel, results[rel].get('error') or results[rel]['status']))
    if opts.update_expectations:
        kept = {e for e in expected if not selected(e, roots, opts.filter)}
        passed = {rel for rel, r in results.items() if r['status'] == PASS}
        write_expectations(opts.expectations, header, revision or recorded, kept | passed)
        print('updated %s: %d entries (%d added, %d removed)' % (
            shown(opts.expectations), len(kept | passed),
            len(passed - expected), len(expected - kept - passed)))
        return 0
    return len(regressions)


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv):
    signal.signal(signal.SIGTERM, interrupted)  # clean up the temp dir on kill too
    opts = parse_args(argv)
    opts.skips = load_skips(opts.skip_file, set(opts.unskip))
    roots = [rel_root(p, opts.test262_dir) for p in (opts.paths or ['test/language'])]
    tests = discover(opts.test262_dir, roots, opts.filter)
    if not tests:
        sys.exit('run.py: no tests selected')
    tmpdir = tempfile.mkdtemp(prefix='kiln-test262-')
    start = time.monotonic()
    try:
        results, counts = run_all(opts, tests, Runner(opts, tmpdir))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    elapsed = time.monotonic() - start

    print()
    print_table(results, roots, opts.table_depth)
    write_results(opts.results, opts, results, counts)
    failures = sorted(rel for rel, r in results.items() if r['status'] in FAILED)
    if opts.list_failures and failures:
        print('\nfailures:')
        for rel in failures:
            r = results[rel]
            print('  %s [%s %s]: %s' % (rel, r['status'], r.get('mode', ''), r.get('error')))
    print('\nresults: %s (%.0fs, %d jobs); %d crashed, %d timed out' % (
        shown(opts.results), elapsed, opts.jobs, counts['crashed'],
        counts['timed_out']))
    bad = check_expectations(opts, roots, results, counts)
    print('test262: %d passed, %d failed, %d skipped of %d' % (
        counts['passed'], counts['failed'], counts['skipped'], counts['total']))
    return 1 if bad else 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # the output was piped into `head` or similar
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
