#!/usr/bin/env python3
"""bench/run.py: runs Octane and the micro benchmarks under every engine on the machine.

One run drives each benchmark under Kiln (build/kiln), QuickJS (vendor/quickjs/qjs, cloned
and built when missing), `node --jitless`, Duktape (`duk`) and MuJS (`mujs`), and prints a
markdown table of scores (Octane, higher is better) and times (micro, ms, lower is better),
with each engine's ratio against Kiln and the geometric mean of those ratios.

Ratios are always "Kiln's speed relative to the engine": above 1 means Kiln is faster.
For an Octane score that is kiln / engine; for a micro time it is engine / kiln.

Engines that are not installed are skipped with a note; a benchmark that throws, prints no
score or runs past --timeout shows as "error" or "timeout" and is left out of the means.
See bench/README.md.
"""

import argparse
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
VENDOR = os.path.join(ROOT, "vendor")
OCTANE_DIR = os.path.join(VENDOR, "octane")
QJS_DIR = os.path.join(VENDOR, "quickjs")
OCTANE_URL = "https://github.com/chromium/octane"
QJS_URL = "https://github.com/bellard/quickjs"

# Octane's benchmarks and the files each needs after base.js, in run.js's order.
# mandreel is left out (its source is missing from the snapshot).
OCTANE = [
    ("richards", ["richards.js"]),
    ("deltablue", ["deltablue.js"]),
    ("crypto", ["crypto.js"]),
    ("raytrace", ["raytrace.js"]),
    ("earley-boyer", ["earley-boyer.js"]),
    ("regexp", ["regexp.js"]),
    ("splay", ["splay.js"]),
    ("navier-stokes", ["navier-stokes.js"]),
    ("pdfjs", ["pdfjs.js"]),
    ("box2d", ["box2d.js"]),
    ("code-load", ["code-load.js"]),
    ("gbemu", ["gbemu-part1.js", "gbemu-part2.js"]),
    ("typescript", ["typescript.js", "typescript-input.js", "typescript-compiler.js"]),
    ("zlib", ["zlib.js", "zlib-data.js"]),
]

NODE_LOADER = ("require('vm').runInThisContext(require('fs').readFileSync("
               "process.argv[1], 'utf8'), {filename: process.argv[1]})")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- fetching and building what the engines need ------------------------------------------

def git_clone(env_var, url, dest):
    """Clones from $env_var when set (a local mirror), else from url. Returns True on success."""
    src = os.environ.get(env_var) or url
    log(f"cloning {src} into {dest}")
    r = subprocess.run(["git", "clone", "-q", "--no-checkout", src, dest])
    if r.returncode != 0:
        return False
    # A snapshot may lack some blobs (Octane's mandreel.js): check out everything else.
    r = subprocess.run(["git", "-C", dest, "checkout", "HEAD", "--", "."],
                       stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        subprocess.run(["git", "-C", dest, "checkout", "HEAD", "--", ".",
                        ":(exclude)mandreel.js"])
    return True


def ensure_octane():
    if os.path.exists(os.path.join(OCTANE_DIR, "base.js")):
        return True
    os.makedirs(VENDOR, exist_ok=True)
    return git_clone("OCTANE_GIT", OCTANE_URL, OCTANE_DIR) and \
        os.path.exists(os.path.join(OCTANE_DIR, "base.js"))


def ensure_qjs():
    qjs = os.path.join(QJS_DIR, "qjs")
    if os.access(qjs, os.X_OK):
        return qjs
    if not os.path.exists(os.path.join(QJS_DIR, "Makefile")):
        os.makedirs(VENDOR, exist_ok=True)
        if not git_clone("QUICKJS_GIT", QJS_URL, QJS_DIR):
            return None
    log("building QuickJS (make qjs -j2)")
    r = subprocess.run(["make", "-C", QJS_DIR, "-j2", "qjs"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return qjs if r.returncode == 0 and os.access(qjs, os.X_OK) else None


# --- engines --------------------------------------------------------------------------------

def find_engines(args):
    """Returns ([(name, argv prefix)], [notes about skipped engines])."""
    engines, notes = [], []
    kiln = os.path.abspath(args.kiln)
    if os.access(kiln, os.X_OK):
        engines.append(("kiln", [kiln]))
    else:
        notes.append(f"kiln: {kiln} not built (cmake -DCMAKE_BUILD_TYPE=Release)")
    if args.no_qjs:
        notes.append("qjs: skipped (--no-qjs)")
    else:
        qjs = ensure_qjs()
        if qjs:
            engines.append(("qjs", [qjs]))
        else:
            notes.append("qjs: could not clone or build vendor/quickjs")
    node = shutil.which("node")
    if node:
        engines.append(("node --jitless", [node, "--jitless", "--no-warnings", "-e", NODE_LOADER]))
    else:
        notes.append("node: not installed")
    for name in ("duk", "mujs"):
        path = shutil.which(name)
        if path:
            engines.append((name, [path]))
        else:
            notes.append(f"{name}: not installed (apt-get install -y duktape mujs)")
    wanted = set(args.engines.split(",")) if args.engines else None
    if wanted:
        engines = [e for e in engines if e[0].split()[0] in wanted]
    return engines, notes


# Per engine: [cpu seconds, wall seconds] over all its runs (the machine-load note).
USAGE = {}


def run_one(argv, path, timeout, engine):
    """Runs one file; returns (stdout, status) where status is None, 'error' or 'timeout'."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    try:
        r = subprocess.run(argv + [path], capture_output=True, text=True, timeout=timeout,
                           cwd=os.path.dirname(path), errors="replace")
    except subprocess.TimeoutExpired:
        return "", "timeout"
    finally:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        u = USAGE.setdefault(engine, [0.0, 0.0])
        u[0] += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        u[1] += time.monotonic() - start
    if r.returncode != 0:
        return r.stdout + r.stderr, "error"
    return r.stdout, None


# --- benchmarks ------------------------------------------------------------------------------

def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def octane_file(tmp, name, files):
    """Writes prelude + base.js + the benchmark's files + the runner into one file."""
    parts = [read(os.path.join(BENCH_DIR, "octane-prelude.js")),
             read(os.path.join(OCTANE_DIR, "base.js"))]
    parts += [read(os.path.join(OCTANE_DIR, f)) for f in files]
    parts.append(read(os.path.join(BENCH_DIR, "octane-runner.js")))
    path = os.path.join(tmp, f"octane-{name}.js")
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n;\n".join(parts))
    return path


def micro_file(tmp, src):
    name = os.path.basename(src)[:-3]
    path = os.path.join(tmp, f"micro-{name}.js")
    with open(path, "w") as f:
        f.write(read(os.path.join(BENCH_DIR, "octane-prelude.js")) + "\n;\n" + read(src))
    return name, path


SCORE_RE = re.compile(r"^Score \(version \d+\): ([\d.]+)\s*$", re.M)
MS_RE = re.compile(r"^ms: ([\d.]+)\s*$", re.M)


def measure(engine, engine_argv, path, regex, timeout):
    out, status = run_one(engine_argv, path, timeout, engine)
    if status:
        return status, out
    m = regex.search(out)
    if not m:
        return "error", out
    return float(m.group(1)), out


def best(old, new, higher_better):
    """The better of two measurements; a number beats "error"/"timeout"."""
    if old is None or isinstance(old, str):
        return new if not (isinstance(old, str) and isinstance(new, str)) else old
    if isinstance(new, str):
        return old
    return max(old, new) if higher_better else min(old, new)


def run_rows(kind, items, engines, regex, args, higher_better):
    """items: [(name, path)]. Each item runs under every engine, args.repeat rounds
    interleaved (engine after engine), keeping each engine's best."""
    rows = []
    for name, path in items:
        vals = {}
        for _ in range(args.repeat):
            for ename, argv in engines:
                v, out = measure(ename, argv, path, regex, args.timeout)
                vals[ename] = best(vals.get(ename), v, higher_better)
                log(f"{kind:6} {name:14} {ename:15} {fmt(v)}")
                if args.verbose or v == "error":
                    log("  | " + "\n  | ".join(out.strip().splitlines()[-6:]))
        rows.append((name, vals))
    return rows


# --- output ----------------------------------------------------------------------------------

def fmt(v):
    if isinstance(v, str):
        return v
    return f"{v:.0f}" if v >= 100 else f"{v:.3g}"


def table(title, unit, rows, engines, higher_better):
    """rows: [(bench, {engine: value})]. Prints a markdown table with ratios vs Kiln."""
    names = [e[0] for e in engines]
    others = [n for n in names if n != "kiln"]
    lines = [f"### {title} ({unit})", ""]
    head = ["benchmark"] + names + [f"kiln/{n}" for n in others]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    ratios = {n: [] for n in others}
    for bench, vals in rows:
        cells = [bench] + [fmt(vals.get(n, "-")) for n in names]
        k = vals.get("kiln")
        for n in others:
            v = vals.get(n)
            if isinstance(k, float) and isinstance(v, float) and k > 0 and v > 0:
                r = k / v if higher_better else v / k
                ratios[n].append(r)
                cells.append(f"{r:.2f}")
            else:
                cells.append("-")
        lines.append("| " + " | ".join(cells) + " |")
    geo = ["**geomean**"] + [""] * len(names)
    for n in others:
        rs = ratios[n]
        geo.append(f"**{math.exp(sum(map(math.log, rs)) / len(rs)):.2f}** ({len(rs)})"
                   if rs else "-")
    lines.append("| " + " | ".join(geo) + " |")
    lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kiln", default=os.path.join(ROOT, "build", "kiln"))
    ap.add_argument("--engines", help="comma list among kiln,qjs,node,duk,mujs (default: all)")
    ap.add_argument("--only", help="comma list of benchmark names (octane or micro)")
    ap.add_argument("--no-octane", action="store_true")
    ap.add_argument("--no-micro", action="store_true")
    ap.add_argument("--no-qjs", action="store_true", help="do not clone/build QuickJS")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per benchmark run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds per benchmark, engines interleaved; the best result is kept")
    ap.add_argument("--verbose", action="store_true", help="print each engine's output")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None

    engines, notes = find_engines(args)
    for n in notes:
        log("skipping " + n)
    if not engines:
        sys.exit("no engine to run")

    tmp = tempfile.mkdtemp(prefix="kiln-bench-")
    sections = []
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    try:
        if not args.no_octane:
            if not ensure_octane():
                notes.append("octane: could not clone vendor/octane")
            else:
                items = [(name, octane_file(tmp, name, files)) for name, files in OCTANE
                         if not only or name in only]
                rows = run_rows("octane", items, engines, SCORE_RE, args, True)
                if rows:
                    sections.append(table("Octane", "score, higher is better", rows,
                                          engines, True))
        if not args.no_micro:
            micro_dir = os.path.join(BENCH_DIR, "micro")
            items = [micro_file(tmp, os.path.join(micro_dir, src))
                     for src in sorted(os.listdir(micro_dir)) if src.endswith(".js")]
            items = [(n, p) for n, p in items if not only or n in only]
            rows = run_rows("micro", items, engines, MS_RE, args, False)
            if rows:
                sections.append(table("Micro benchmarks", "ms, lower is better", rows,
                                      engines, False))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"## Kiln benchmarks, {started}\n")
    print("Ratios are Kiln's speed relative to each engine (above 1: Kiln is faster); "
          "geomean over the benchmarks both engines finished (count in parentheses).\n")
    for n in notes:
        print(f"- skipped {n}")
    if notes:
        print()
    print("\n".join(sections))
    if USAGE:
        shares = ", ".join(f"{e} {c / w:.2f}" for e, (c, w) in USAGE.items() if w > 0)
        print(f"CPU share while each engine ran (CPU time / wall time; 1.00 is an idle "
              f"machine, lower means the scores were taken under load): {shares}")


if __name__ == "__main__":
    main()
