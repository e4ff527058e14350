#!/usr/bin/env python3
"""Puts the JMH results of PoolBench beside the CPython results of python/pool_bench.py (bench/run-compare.sh).

  compare.py wait-quiet [--max-busy 0.15] [--seconds 3] [--timeout 90]
      Waits until the machine is idle (at most MAX_BUSY of all CPUs busy for SECONDS seconds in a row), at most
      TIMEOUT seconds; prints one JSON line saying whether it got quiet. Benchmarks of process hand-offs on a
      2-core machine mean little while something else is using the CPUs.

  compare.py table DIR
      Reads DIR/jmh-*.json (JMH -rf json), DIR/py-*.jsonl and DIR/probe.json, prints the comparison table as
      Markdown and writes it to DIR/table.md (and DIR/table.json).

Figures: the map benchmarks are compared in items per second (items / median time per op), start-up in ms per op
(lower is better), the round trip in µs per op (lower is better). A JMH figure is the median of its iteration
scores (for SampleTime, the median sample); a CPython figure is the median of its rounds.
"""
import json
import os
import statistics
import sys
import time


# ---- quiet machine -------------------------------------------------------------------------------------------

def _cpu_snapshot():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields), idle


def busy_fraction(interval=1.0):
    total0, idle0 = _cpu_snapshot()
    time.sleep(interval)
    total1, idle1 = _cpu_snapshot()
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(max_busy, seconds, timeout):
    start = time.monotonic()
    streak, samples = 0, []
    while True:
        busy = busy_fraction()
        samples.append(busy)
        streak = streak + 1 if busy <= max_busy else 0
        waited = time.monotonic() - start
        if streak >= seconds:
            return {"quiet": True, "waited_s": round(waited, 1), "busy_last": round(busy, 3)}
        if waited >= timeout:
            return {"quiet": False, "waited_s": round(waited, 1),
                    "busy_median": round(statistics.median(samples), 3)}


# ---- reading results ---------------------------------------------------------------------------------------------

def _jmh(path):
    """{short name: {"value": median, "unit": ..., "mode": ...}} from a JMH JSON result file."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        runs = json.load(f)
    out = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        metric = run["primaryMetric"]
        if run["mode"] == "sample":
            value = metric["scorePercentiles"]["50.0"]
        else:
            scores = [s for fork in metric["rawData"] for s in fork]
            value = statistics.median(scores)
        out[name] = {"value": value, "unit": metric["scoreUnit"], "mode": run["mode"]}
    return out


def _python(path):
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                out[r["benchmark"]] = r
    return out


def _json(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text.splitlines()[-1]) if text else {}


# ---- the table -------------------------------------------------------------------------------------------------

def _items_per_s(ms_per_op, items):
    return items / (ms_per_op / 1e3)


def _to_ms(value, unit):
    return value * {"ms/op": 1.0, "us/op": 1e-3, "s/op": 1e3}[unit]


def _to_us(value, unit):
    return value * {"ms/op": 1e3, "us/op": 1.0, "s/op": 1e6}[unit]


def build_rows(d):
    jmh_u = _jmh(os.path.join(d, "jmh-unpinned.json"))
    jmh_p = _jmh(os.path.join(d, "jmh-pinned.json"))
    py_u = _python(os.path.join(d, "py-unpinned.jsonl"))
    py_p = _python(os.path.join(d, "py-pinned.jsonl"))
    probe = _json(os.path.join(d, "probe.json"))
    rows = []

    def row(name, java, cpython, unit, higher_better, factor, target, note=""):
        if java is None or cpython is None:
            rows.append({"benchmark": name, "java": java, "cpython": cpython, "unit": unit, "ratio": None,
                         "target": target, "met": None, "note": note or "missing result"})
            return
        ratio = java / cpython
        if factor is None:
            met = None
        elif higher_better:
            met = ratio >= factor
        else:
            met = ratio <= factor
        rows.append({"benchmark": name, "java": java, "cpython": cpython, "unit": unit, "ratio": ratio,
                     "target": target, "met": met, "note": note})

    def jv(table, name, conv):
        r = table.get(name)
        return None if r is None else conv(r["value"], r["unit"])

    def pv(table, name, key="median"):
        r = table.get(name)
        return None if r is None else r[key]

    # start-up: whole life of a Pool(4), and start -> first result alone
    row("startup: Pool(4)+first apply+terminate (ms)", jv(jmh_u, "startup", _to_ms), pv(py_u, "startup-spawn"),
        "ms", False, 1.0, "≤ 1× CPython spawn", "JMH SampleTime p50 vs CPython median, unpinned")
    if probe and "startup-spawn" in py_u:
        row("startup: start→first result only (ms)", probe.get("first_result_ms"),
            py_u["startup-spawn"]["extra"]["start_to_first_result_ms"], "ms", False, 1.0, "≤ 1× CPython spawn",
            "StartupProbe median vs CPython median, unpinned")
    row("startup vs CPython fork (ms)", jv(jmh_u, "startup", _to_ms), pv(py_u, "startup-fork"), "ms", False, None,
        "— (info)", "fork copies a warm interpreter: no JVM can do that")
    row("applyRoundTrip, pinned taskset -c 0 (µs)", jv(jmh_p, "applyRoundTrip", _to_us), pv(py_p, "apply"), "µs",
        False, 0.5, "≤ 0.5× CPython", "both sides on CPU 0")
    row("applyRoundTrip, unpinned (µs)", jv(jmh_u, "applyRoundTrip", _to_us), pv(py_u, "apply"), "µs", False, None,
        "— (info)", "scheduler-dependent")
    for name, py_name, items, pinned in (("mapTiny", "map-tiny", 200_000, False),
                                         ("mapChunk1", "map-chunk1", 20_000, False),
                                         ("mapChunk1", "map-chunk1", 20_000, True),
                                         ("imapUnordered", "imap-unordered", 100_000, False)):
        jt, pt = (jmh_p, py_p) if pinned else (jmh_u, py_u)
        j = jv(jt, name, _to_ms)
        p = pv(pt, py_name)
        has_target = name in ("mapTiny", "mapChunk1") and not pinned
        count = f"{items:,}".replace(",", " ")
        label = f"{name}, {count} items{', pinned taskset -c 0' if pinned else ''} (items/s)"
        row(label, None if j is None else _items_per_s(j, items), None if p is None else _items_per_s(p, items),
            "items/s", True, 2.0 if has_target else None, "≥ 2× CPython" if has_target else "— (info)",
            "both sides on CPU 0" if pinned else "")
    return rows


def _fmt(v, unit):
    if v is None:
        return "—"
    if unit == "items/s":
        return f"{v:,.0f}"
    return f"{v:,.1f}" if v >= 10 else f"{v:,.2f}"


def render(rows, meta):
    lines = ["| benchmark | Java | CPython | ratio Java/CPython | target | met? |",
             "|---|---:|---:|---:|---|---|"]
    for r in rows:
        met = {True: "**yes**", False: "**no**", None: "—"}[r["met"]]
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        lines.append(f"| {r['benchmark']} | {_fmt(r['java'], r['unit'])} | {_fmt(r['cpython'], r['unit'])} | "
                     f"{ratio} | {r['target']} | {met} |")
    if meta:
        lines.append("")
        lines.extend(meta)
    return "\n".join(lines)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    cmd, args = argv[0], argv[1:]
    if cmd == "wait-quiet":
        opts = {"--max-busy": 0.15, "--seconds": 3, "--timeout": 90}
        for i in range(0, len(args), 2):
            if args[i] not in opts or i + 1 >= len(args):
                print(f"compare.py: bad option {args[i]}", file=sys.stderr)
                return 2
            opts[args[i]] = float(args[i + 1])
        print(json.dumps(wait_quiet(opts["--max-busy"], int(opts["--seconds"]), opts["--timeout"])), flush=True)
        return 0
    if cmd == "table":
        if len(args) != 1:
            print("usage: compare.py table DIR", file=sys.stderr)
            return 2
        d = args[0]
        rows = build_rows(d)
        meta = []
        quiet_path = os.path.join(d, "quiet.jsonl")
        if os.path.exists(quiet_path):
            with open(quiet_path) as f:
                waits = [json.loads(l) for l in f if l.strip()]
            noisy = [w for w in waits if not w.get("quiet")]
            meta.append(f"Machine quiet before {len(waits) - len(noisy)} of {len(waits)} phases"
                        + (f"; NOT quiet before: {', '.join(w.get('phase', '?') for w in noisy)} "
                           "(other processes were using the CPUs: treat those figures with care)" if noisy else "")
                        + ".")
        text = render(rows, meta)
        print(text)
        with open(os.path.join(d, "table.md"), "w") as f:
            f.write(text + "\n")
        with open(os.path.join(d, "table.json"), "w") as f:
            json.dump(rows, f, indent=1)
        return 0
    print(f"compare.py: unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
