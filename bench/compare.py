#!/usr/bin/env python3
"""Puts the JMH results (PoolBench, SyncBench, QueueBench, ProcessBench, ManagerBench) beside the CPython results
(python/pool_bench.py, python/sync_bench.py, python/manager_bench.py) for bench/run-compare.sh.

  compare.py wait-quiet [--max-busy 0.15] [--seconds 3] [--timeout 90]
      Waits until the machine is idle (at most MAX_BUSY of all CPUs busy for SECONDS seconds in a row), at most
      TIMEOUT seconds; prints one JSON line saying whether it got quiet. Benchmarks of process hand-offs on a
      2-core machine mean little while something else is using the CPUs.

  compare.py monitor --root PID --out FILE [--phase-file FILE] [--interval 1]
      Until process ROOT exits: every INTERVAL seconds, appends one JSON line to FILE with the CPU used in that
      interval by the whole machine, by ROOT and its descendants (the benchmarks), and by everything else
      ("others" = machine - ours), in cores, tagged with the phase named in PHASE-FILE. That is the load the
      benchmarks were measured under.

  compare.py spread DIR...
      Reads DIR/table.json of several runs and prints, per row with a target, the range of the ratio over the
      runs and in how many of them the target was met: which verdicts are robust on a shared machine.

  compare.py table DIR
      Reads DIR/jmh-*.json (JMH -rf json), DIR/aux-*/aux.jsonl, DIR/py-*.jsonl, DIR/py-manager-*.json,
      DIR/probe.json, DIR/quiet.jsonl and DIR/load.jsonl; prints the comparison table as Markdown and writes it to
      DIR/table.md (and DIR/table.json).

Figures: throughputs are compared in items or operations per second (higher is better), times in ms, µs or ns
per operation (lower is better). A JMH figure is the median of its iteration scores (for SampleTime, the median
sample); a CPython figure is the median of its rounds. "ratio" is always Java / CPython.
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


# ---- load monitor ----------------------------------------------------------------------------------------------

def _busy_ticks():
    """Busy clock ticks of the whole machine and of CPU 0: user + nice + system + irq + softirq (no idle, iowait,
    steal)."""
    machine = cpu0 = 0
    with open("/proc/stat") as f:
        for line in f:
            name, *rest = line.split()
            if name in ("cpu", "cpu0"):
                v = [int(x) for x in rest]
                busy = v[0] + v[1] + v[2] + v[5] + v[6]
                if name == "cpu":
                    machine = busy
                else:
                    cpu0 = busy
            elif not name.startswith("cpu"):
                break
    return machine, cpu0


def _tree_ticks(root):
    """utime + stime + cutime + cstime of ROOT and its live descendants, in clock ticks.

    A process that exits and is reaped moves its times into its parent's cutime/cstime, so the sum only loses
    the processes that leave the tree (reparented to init) — the benchmarks' children are all waited for."""
    parent, ticks = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s.rsplit(")", 1)[1].split()
        pid = int(name)
        parent[pid] = int(fields[1])
        ticks[pid] = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    children = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += ticks.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def monitor(root, out, phase_file, interval):
    hz = os.sysconf("SC_CLK_TCK")
    (busy0, cpu00), ours0, t0 = _busy_ticks(), _tree_ticks(root), time.monotonic()
    while os.path.exists(f"/proc/{root}"):
        time.sleep(interval)
        (busy1, cpu01), ours1, t1 = _busy_ticks(), _tree_ticks(root), time.monotonic()
        phase = ""
        if phase_file and os.path.exists(phase_file):
            with open(phase_file) as f:
                phase = f.read().strip()
        dt = (t1 - t0) * hz
        machine = (busy1 - busy0) / dt
        cpu0 = (cpu01 - cpu00) / dt
        ours = max(0.0, (ours1 - ours0) / dt)
        # in a pinned phase all of this run's CPU is on CPU 0: what else ran there is cpu0 - ours
        with open(out, "a") as f:
            f.write(json.dumps({"t": round(time.time(), 1), "phase": phase, "machine": round(machine, 3),
                                "ours": round(ours, 3), "others": round(max(0.0, machine - ours), 3),
                                "cpu0": round(cpu0, 3), "others_cpu0_if_pinned": round(max(0.0, cpu0 - ours), 3),
                                "loadavg1": float(open("/proc/loadavg").read().split()[0])}) + "\n")
        busy0, cpu00, ours0, t0 = busy1, cpu01, ours1, t1


# ---- reading results ---------------------------------------------------------------------------------------------

def _jmh(*paths):
    """{"Class.method": {"value": median, "unit": ..., "mode": ..., "percentiles": {...}}} from JMH JSON files."""
    out = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            text = f.read().strip()
        if not text:
            continue
        for run in json.loads(text):
            name = ".".join(run["benchmark"].rsplit(".", 2)[-2:])
            metric = run["primaryMetric"]
            if run["mode"] == "sample":
                value = metric["scorePercentiles"]["50.0"]
            else:
                scores = [s for fork in metric["rawData"] for s in fork]
                value = statistics.median(scores)
            out[name] = {"value": value, "unit": metric["scoreUnit"], "mode": run["mode"],
                         "percentiles": metric.get("scorePercentiles", {})}
    return out


def _jsonl(path, key="benchmark"):
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                out.setdefault(r[key], []).append(r)
    return out


def _python(path):
    return {k: v[-1] for k, v in _jsonl(path).items()}


def _json(path):
    """The last JSON line of a file, or a whole (indented) JSON document."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        text = f.read().strip()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


# ---- the table -------------------------------------------------------------------------------------------------

def _per_s(value, unit, ops=1):
    """ops per second from a JMH time per operation (value in unit), or a JMH throughput."""
    if unit.endswith("/s") and not unit.startswith(("ms", "us", "ns", "s/")):
        return value
    return ops / (value * {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}[unit])


def _to(value, unit, target):
    scale = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}
    return value * scale[unit] / scale[target]


def build_rows(d):
    jmh_u = _jmh(os.path.join(d, "jmh-unpinned.json"), os.path.join(d, "jmh-unpinned-info.json"))
    jmh_p = _jmh(os.path.join(d, "jmh-pinned.json"))
    aux_u = _jsonl(os.path.join(d, "aux-unpinned", "aux.jsonl"))
    aux_p = _jsonl(os.path.join(d, "aux-pinned", "aux.jsonl"))
    py_u = _python(os.path.join(d, "py-unpinned.jsonl"))
    py_p = _python(os.path.join(d, "py-pinned.jsonl"))
    mgr = {}
    for part in ("startup", "lock", "semaphore", "condition"):
        mgr.update(_json(os.path.join(d, f"py-manager-{part}.json")))
    probe = _json(os.path.join(d, "probe.json"))
    rows = []

    def section(title):
        rows.append({"section": title})

    def row(name, java, cpython, unit, higher_better, factor, target, note="", absolute=None):
        """factor: target ratio (None: info); absolute: (limit, java_must_be_below) for absolute targets."""
        ratio = None if java is None or cpython is None or cpython == 0 else java / cpython
        met = None
        if absolute is not None:
            met = None if java is None else java <= absolute
        elif factor is not None and ratio is not None:
            met = ratio >= factor if higher_better else ratio <= factor
        rows.append({"benchmark": name, "java": java, "cpython": cpython, "unit": unit, "ratio": ratio,
                     "target": target, "met": met, "note": note if java is not None and cpython is not None
                     else (note + "; " if note else "") + "missing result"})
        return met

    def jv(table, name, conv):
        r = table.get(name)
        return None if r is None else conv(r["value"], r["unit"])

    def pv(table, name, key="median", extra=None):
        r = table.get(name)
        if r is None:
            return None
        return r.get("extra", {}).get(extra) if extra else r.get(key)

    ms = lambda v, u: _to(v, u, "ms/op")
    us = lambda v, u: _to(v, u, "us/op")
    ns = lambda v, u: _to(v, u, "ns/op")

    # ---- Pool (issue 2) ----
    section("Pool (issue 2)")
    if probe and "startup-spawn" in py_u:
        row("Pool(4) start → first result (ms, StartupProbe)", probe.get("first_result_ms"),
            pv(py_u, "startup-spawn", extra="start_to_first_result_ms"), "ms", False, 1.0, "≤ 1× CPython spawn",
            "unpinned")
    else:
        row("Pool(4) start → first result (ms, StartupProbe)", None, None, "ms", False, 1.0, "≤ 1× CPython spawn")
    row("Pool(4) + first apply + terminate (ms)", jv(jmh_u, "PoolBench.startup", ms), pv(py_u, "startup-spawn"),
        "ms", False, None, "— (info; vs spawn)", "JMH SampleTime p50, unpinned")
    row("Pool(4) + first apply + terminate vs fork (ms)", jv(jmh_u, "PoolBench.startup", ms),
        pv(py_u, "startup-fork"), "ms", False, None, "— (info)", "fork copies a warm interpreter")
    row("apply round trip, pinned (µs)", jv(jmh_p, "PoolBench.applyRoundTrip", us), pv(py_p, "apply"), "µs",
        False, 0.5, "≤ 0.5× CPython", "both sides on CPU 0")
    row("apply round trip, unpinned (µs)", jv(jmh_u, "PoolBench.applyRoundTrip", us), pv(py_u, "apply"), "µs",
        False, None, "— (info)", "scheduler-dependent")
    for name, py_name, items, pinned, target in (("mapTiny", "map-tiny", 200_000, False, True),
                                                 ("mapChunk1", "map-chunk1", 20_000, False, True),
                                                 ("mapChunk1", "map-chunk1", 20_000, True, False),
                                                 ("imapUnordered", "imap-unordered", 100_000, False, False)):
        jt, pt = (jmh_p, py_p) if pinned else (jmh_u, py_u)
        j = jt.get("PoolBench." + name)
        p = pv(pt, py_name)
        count = f"{items:,}".replace(",", " ")
        row(f"{name}, {count} items{', pinned' if pinned else ''} (items/s)",
            None if j is None else _per_s(j["value"], j["unit"], items),
            None if p is None else items / (p / 1e3), "items/s", True, 2.0 if target else None,
            "≥ 2× CPython" if target else "— (info)", "both sides on CPU 0" if pinned else "unpinned")

    # ---- Sync (issue 3) ----
    section("Sync (issue 3)")
    row("Lock acquire+release, uncontended (ns)", jv(jmh_p, "SyncBench.lockUncontended", ns), pv(py_p, "lock"),
        "ns", False, 0.5, "≤ 0.5× CPython", "one process; CPython loop unrolled ×10")
    hand = aux_p.get("scheduleHandOff", [])
    if hand:
        median = statistics.median(h["median_us"] for h in hand)
        mean = jv(jmh_p, "SyncBench.scheduleHandOff", us)
        rows.append({"benchmark": "schedule hand-off between two processes, median, pinned (µs)", "java": median,
                     "cpython": None, "unit": "µs", "ratio": None, "target": "≤ 50 µs", "met": median <= 50,
                     "note": f"--schedule 1,2,1,2,…: one read let go → the other's let go; median of the "
                             f"iterations' medians; p90 {statistics.median(h['p90_us'] for h in hand):.1f} µs"
                             + ("" if mean is None else f", JMH mean {mean:.1f} µs") + "; no CPython counterpart"})
    for label, jname, pname, ops, factor, aux_name in (
            ("Lock contended, 2 proc × 200 000, raw Value (ops/s)", "SyncBench.lockContended2Proc", "contended",
             400_000, 1.0, "lockContended2Proc"),
            ("synchronized Value get_lock() increments, 2 proc × 100 000 (ops/s)",
             "SyncBench.valueLockedIncrement2Proc", "value-locked", 200_000, 2.0, "valueLockedIncrement2Proc")):
        for pinned in (True, False):
            jt, pt, at = (jmh_p, py_p, aux_p) if pinned else (jmh_u, py_u, aux_u)
            j = jt.get(jname)
            children = [a.get("children_ops_per_s") for a in at.get(aux_name, [])]
            note = "barrier release → both done, in the parent"
            if children:
                note += f"; in-children median: Java {statistics.median(children):,.0f}"
                pc = pv(pt, pname, extra="children_ops_per_s")
                if pc:
                    note += f", CPython {pc:,.0f}"
            row(label.replace(" (ops/s)", ", pinned (ops/s)" if pinned else ", unpinned (ops/s)"),
                None if j is None else _per_s(j["value"], j["unit"], 1), pv(pt, pname), "ops/s", True,
                factor if pinned else None, f"≥ {factor:g}× CPython" if pinned else "— (info)", note)
    for pinned in (True, False):
        jt, pt = (jmh_p, py_p) if pinned else (jmh_u, py_u)
        j = jt.get("QueueBench.throughput")
        row(f"Queue, 1 producer process, 200 000 ints, {'pinned' if pinned else 'unpinned'} (items/s)",
            None if j is None else _per_s(j["value"], j["unit"], 1), pv(pt, "queue"), "items/s", True,
            2.0 if pinned else None, "≥ 2× CPython" if pinned else "— (info)",
            "barrier release → last item taken, in the parent")
    row("Process start + join, trivial function (ms)", jv(jmh_u, "ProcessBench.startJoin", ms),
        pv(py_u, "start-spawn"), "ms", False, 1.0, "≤ 1× CPython spawn", "unpinned")
    row("Process start + join vs fork (ms)", jv(jmh_u, "ProcessBench.startJoin", ms), pv(py_u, "start-fork"),
        "ms", False, None, "— (info)", "unpinned")
    for pinned in (True, False):
        jt, pt, at = (jmh_p, py_p, aux_p) if pinned else (jmh_u, py_u, aux_u)
        w = jt.get("SyncBench.wakeupLatency")
        half = None
        pct = {}
        if w is not None:
            half = _to(w["value"], w["unit"], "us/op") / 2
            pct = {k: _to(v, w["unit"], "us/op") / 2 for k, v in w["percentiles"].items()}
        pw = pt.get("wakeup")
        tag = "pinned" if pinned else "unpinned"
        note = "half a ping-pong round trip"
        if pct and pw:
            note += (f"; p90/p99: Java {pct.get('90.0', 0):.1f}/{pct.get('99.0', 0):.1f} µs, "
                     f"CPython {pw['extra']['p90_us']:.1f}/{pw['extra']['p99_us']:.1f} µs")
        met_latency = row(f"wake-up of a blocked process, median, {tag} (µs)", half,
                          None if pw is None else pw["median"], "µs", False, None,
                          "≤ 150 µs" if pinned else "— (info)", note, absolute=150.0 if pinned else None)
        idle = at.get("wakeupLatency", [])
        cpu = idle[-1].get("cpu_pct_stat") if idle else None
        sched = idle[-1].get("cpu_pct_schedstat") if idle else None
        pcpu = None if pw is None else pw["extra"]["idle_cpu_pct_stat"]
        note = "same child, blocked 2 s after the latency run; /proc/PID/stat utime+stime"
        if sched is not None and pw is not None:
            note += f" (schedstat: Java {sched:.3f} %, CPython {pw['extra']['idle_cpu_pct_schedstat']:.3f} %)"
        met_cpu = row(f"CPU of that blocked waiter, {tag} (% of a core)", cpu, pcpu, "%", False, None,
                      "< 2 %" if pinned else "— (info)", note, absolute=1.999 if pinned else None)
        if pinned:
            both = None if met_latency is None or met_cpu is None else (met_latency and met_cpu)
            rows.append({"benchmark": "wake-up ≤ 150 µs and blocked CPU < 2 %, both at once", "java": None,
                         "cpython": None, "unit": "", "ratio": None, "target": "both", "met": both,
                         "note": "same benchmark run"})

    # ---- Manager (issue 4) ----
    section("Manager (issue 4)")
    row("lock proxy acquire+release from a pool worker, pinned (µs)", jv(jmh_p, "ManagerBench.lockRoundTrip", us),
        mgr.get("lock_round_trip_us"), "µs", False, 0.5, "≤ 0.5× CPython", "both sides on CPU 0")
    j = jmh_p.get("ManagerBench.semaphoreContended4Workers")
    row("Semaphore(2) proxy, 4 workers × 5 000, pinned (ops/s)", None if j is None else _per_s(j["value"], j["unit"]),
        mgr.get("semaphore_contended_ops_per_s"), "ops/s", True, 2.0, "≥ 2× CPython", "both sides on CPU 0")
    row("notify_all → 4 waiters awake and their results back, pinned (µs)",
        jv(jmh_p, "ManagerBench.conditionNotifyAll", us), mgr.get("notify_all_until_results_us"), "µs", False, 0.5,
        "≤ 0.5× CPython", "both from notify_all, lock held, until the 4 pool results are back in the parent")
    row("notify_all → last waiter awake (CPython's own figure), pinned (µs)",
        jv(jmh_p, "ManagerBench.conditionNotifyAll", us), mgr.get("notify_all_wakeup_us"), "µs", False, None,
        "— (info)", "Java as above; CPython: until the last waiter's timestamp")
    row("Manager start + 1 lock round trip + shutdown (ms)", jv(jmh_u, "ManagerBench.startup", ms),
        mgr.get("startup_ms"), "ms", False, 1.0, "≤ 1× CPython spawn", "unpinned; CPython spawn context")
    return rows


def _fmt(v, unit):
    if v is None:
        return "—"
    if unit in ("items/s", "ops/s"):
        return f"{v:,.0f}"
    if unit == "%":
        return f"{v:.2f}"
    return f"{v:,.1f}" if v >= 10 else f"{v:,.2f}"


def render(rows, meta):
    lines = ["| benchmark | Java | CPython | ratio Java/CPython | target | met? | how |",
             "|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        if "section" in r:
            lines.append(f"| **{r['section']}** | | | | | | |")
            continue
        met = {True: "**yes**", False: "**no**", None: "—"}[r["met"]]
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        lines.append(f"| {r['benchmark']} | {_fmt(r['java'], r['unit'])} | {_fmt(r['cpython'], r['unit'])} | "
                     f"{ratio} | {r['target']} | {met} | {r['note']} |")
    if meta:
        lines.append("")
        lines.extend(meta)
    return "\n".join(lines)


def load_summary(d):
    """Per phase: was it quiet before, and what else used the CPUs while it ran (from the monitor)."""
    waits = {}
    quiet_path = os.path.join(d, "quiet.jsonl")
    if os.path.exists(quiet_path):
        with open(quiet_path) as f:
            for line in f:
                if line.strip():
                    w = json.loads(line)
                    waits[w.get("phase", "?")] = w
    samples = {}
    load_path = os.path.join(d, "load.jsonl")
    if os.path.exists(load_path):
        with open(load_path) as f:
            for line in f:
                if line.strip():
                    s = json.loads(line)
                    samples.setdefault(s["phase"], []).append(s)
    # the measured phases; the waits before them, the set-up and the end are left out
    phases = list(waits) + [p for p in samples if p not in waits and p and not p.startswith("wait:")
                            and p not in ("setup", "done")]
    if not phases:
        return []
    lines = ["", "Load per phase (\"others\": CPU used by processes outside this run, in cores of 2, sampled every "
             "second from /proc; for the pinned phases also what else ran on CPU 0, the CPU they were pinned to):", "",
             "| phase | quiet before? | waited (s) | duration (s) | others, mean | others, max (1 s) | "
             "others on CPU 0, mean | this run, mean | load avg (1 min) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in phases:
        w = waits.get(p, {})
        s = samples.get(p, [])
        q = {True: "yes", False: "**no**"}.get(w.get("quiet"), "—")
        if s:
            others = [x["others"] for x in s]
            ours = [x["ours"] for x in s]
            la = [x["loadavg1"] for x in s]
            cpu0 = "—"
            if "pinned" in p and "unpinned" not in p and all("others_cpu0_if_pinned" in x for x in s):
                cpu0 = f"{statistics.mean(x['others_cpu0_if_pinned'] for x in s):.2f}"
            lines.append(f"| {p} | {q} | {w.get('waited_s', '—')} | {len(s)} | {statistics.mean(others):.2f} | "
                         f"{max(others):.2f} | {cpu0} | {statistics.mean(ours):.2f} | {statistics.mean(la):.1f} |")
        else:
            lines.append(f"| {p} | {q} | {w.get('waited_s', '—')} | — | — | — | — | — | — |")
    return lines


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
    if cmd == "monitor":
        opts = {"--root": None, "--out": None, "--phase-file": None, "--interval": "1"}
        for i in range(0, len(args), 2):
            if args[i] not in opts or i + 1 >= len(args):
                print(f"compare.py: bad option {args[i]}", file=sys.stderr)
                return 2
            opts[args[i]] = args[i + 1]
        if not opts["--root"] or not opts["--out"]:
            print("usage: compare.py monitor --root PID --out FILE [--phase-file FILE]", file=sys.stderr)
            return 2
        monitor(int(opts["--root"]), opts["--out"], opts["--phase-file"], float(opts["--interval"]))
        return 0
    if cmd == "table":
        if len(args) != 1:
            print("usage: compare.py table DIR", file=sys.stderr)
            return 2
        d = args[0]
        rows = build_rows(d)
        meta = ["Pinned rows: JMH's benchmark JVM and the CPython script both ran under `taskset -c 0` (children "
                "inherit the affinity; JMH's host JVM ran on CPU 1); unpinned rows used both CPUs. Targets are "
                "those of issues 2, 3 and 4."]
        affinity = []
        for name, r in _python(os.path.join(d, "py-pinned.jsonl")).items():
            if r.get("affinity") != [0]:
                affinity.append(f"CPython {name} ran on CPUs {r.get('affinity')}")
        for name, recs in _jsonl(os.path.join(d, "aux-pinned", "aux.jsonl")).items():
            if any(a.get("affinity") != "0" for a in recs):
                affinity.append(f"Java {name} ran on CPUs {recs[-1].get('affinity')}")
        if affinity:
            meta.append("WARNING, pinning not as intended: " + "; ".join(affinity) + ".")
        waits = []
        quiet_path = os.path.join(d, "quiet.jsonl")
        if os.path.exists(quiet_path):
            with open(quiet_path) as f:
                waits = [json.loads(l) for l in f if l.strip()]
        if waits:
            noisy = [w for w in waits if not w.get("quiet")]
            meta.append(f"Machine quiet before {len(waits) - len(noisy)} of {len(waits)} phases"
                        + (f"; NOT quiet before: {', '.join(w.get('phase', '?') for w in noisy)} "
                           "(other processes were using the CPUs: treat those figures with care)" if noisy else "")
                        + ".")
        meta.extend(load_summary(d))
        text = render(rows, meta)
        print(text)
        with open(os.path.join(d, "table.md"), "w") as f:
            f.write(text + "\n")
        with open(os.path.join(d, "table.json"), "w") as f:
            json.dump(rows, f, indent=1)
        return 0
    if cmd == "spread":
        if not args:
            print("usage: compare.py spread DIR...", file=sys.stderr)
            return 2
        runs = []
        for d in args:
            with open(os.path.join(d, "table.json")) as f:
                runs.append(json.load(f))
        lines = [f"| benchmark (target rows) | ratio Java/CPython over {len(runs)} runs (min – median – max) | "
                 "target | met in |", "|---|---|---|---|"]
        for r0 in runs[0]:
            if "section" in r0:
                lines.append(f"| **{r0['section']}** | | | |")
                continue
            if r0["target"].startswith("—"):
                continue
            same = [r for run in runs for r in run if r.get("benchmark") == r0["benchmark"]]
            mets = [r["met"] for r in same if r["met"] is not None]
            if r0["target"].startswith(("≤ 150", "< 2", "both")):
                vals = sorted(r["java"] for r in same if r["java"] is not None)
                unit = f" {r0['unit']} (Java)" if r0["unit"] else ""
                spread = "—" if not vals else f"{_fmt(vals[0], r0['unit'])} – " \
                    f"{_fmt(statistics.median(vals), r0['unit'])} – {_fmt(vals[-1], r0['unit'])}{unit}"
            else:
                vals = sorted(r["ratio"] for r in same if r["ratio"] is not None)
                spread = "—" if not vals else f"{vals[0]:.2f}× – {statistics.median(vals):.2f}× – {vals[-1]:.2f}×"
            lines.append(f"| {r0['benchmark']} | {spread} | {r0['target']} | {sum(mets)} of {len(mets)} |")
        print("\n".join(lines))
        return 0
    print(f"compare.py: unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
