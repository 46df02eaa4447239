#!/usr/bin/env python3
"""Times `isg check` on generated registries, against the parsing floor.

Usage: scripts/bench.py [small] [regional] [national] [regional-history] [national-history] [--runs N]

Builds the release binary and examples, generates each registry once (seed 1)
under $ISG_BENCH_DIR (default /tmp/isg-bench), then runs, RUNS times each:
  check   isg check --format json --today 2026-11-22 DIR
  floor   parse_floor DIR          (find, read and parse every YAML file, events only)
  json    parse_floor DIR json     (the same, also building the JSON data)
and prints the median wall time, the peak resident memory, check/floor, and
the lowest and highest ratio of one check to the floor run straight after it
("run by run": how far the ratio moves between runs on the machine).
The three are run in turn (check, floor, json, check, ...), so that a spell
in which the machine is slower weighs on all three alike.

On a machine whose page cache does not keep the registry between runs
(some virtual machines give memory back to their host), point
ISG_BENCH_DIR at a tmpfs such as /dev/shm, or the figures measure the disk.

`regional-history` (2,000 agreements, 20,000 commits) and `national-history`
(20,000 agreements, 100,000 commits) are the same registries made into git
repositories by `generate_history`, timed with sign-off read from history.
For them it also times `isg status --format json` at HEAD against
`isg status --format json --as-of DAY` (a day half way through the
history: the branch walked back to that day, the registry read from that
commit, sign-offs only from there), run in turn, and prints the ratio.
`regional-render` times `isg render` of the regional-history repository (the
site, every agreement page and the exports) and reports pages per second.

`hostile` times the bounds on hostile input, each on the minimal fixture
with one file made hostile, beside the unchanged fixture: 100,000 unknown
fields in one organisation file (and 300,000 in a file near the 4 MB limit),
20,000 repeated keys, a narrative of 100,000 `>`, and a registry template
that doubles a text in a loop (stopped at the page limit, exit code 2).
"""
import os, resource, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/isg-target"))
WORK = os.environ.get("ISG_BENCH_DIR", "/tmp/isg-bench")
TODAY = "2026-11-22"
# A day half way through each generated history (commits a minute apart
# from 2026-05-28 20:26 UTC).
AS_OF = {"regional-history": "2026-06-04", "national-history": "2026-07-01"}


def run(command, allowed=(0, 1)):
    """Wall seconds and peak RSS (MiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        sys.exit(f"{command} failed with exit code {code}: {process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def measure(command, runs):
    median, rss, _ = measure_together([command], runs)[0]
    return median, rss


def measure_together(commands, runs):
    """Median wall seconds, peak RSS and every run's wall seconds of each
    command, the commands run in turn."""
    samples = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, samples):
            taken.append(run(command))
    return [
        (statistics.median(s[0] for s in taken), max(s[1] for s in taken), [s[0] for s in taken])
        for taken in samples
    ]


def hostile(isg, runs):
    """The bounds on hostile input, each beside the unchanged fixture."""
    fixture = os.path.join(ROOT, "tests", "fixtures", "minimal")
    north = os.path.join("organisations", "north-trust.yaml")

    def registry(name, edit):
        directory = os.path.join(WORK, "hostile-" + name)
        shutil.rmtree(directory, ignore_errors=True)
        shutil.copytree(fixture, directory)
        edit(directory)
        return directory

    def append(path, text):
        with open(path, "a") as file:
            file.write(text)

    def fields(count, name):
        return lambda d: append(os.path.join(d, north), "".join(f"{name}{i}: x\n" for i in range(count)))

    narrative = lambda d: append(os.path.join(d, "agreements", "care-record", "agreement.md"), ">" * 100_000 + " deep\n")

    def doubling(d):
        os.makedirs(os.path.join(d, "templates"))
        with open(os.path.join(d, "templates", "index.html"), "w") as file:
            file.write("{% set n = namespace(x='0123456789abcdef') %}{% for i in range(40) %}{% set n.x = n.x ~ n.x %}{{ n.x }}{% endfor %}")

    cases = [
        ("unchanged fixture", "check", registry("plain", lambda d: None), (0, 1)),
        ("100,000 unknown fields (1.9 MB file)", "check", registry("fields", fields(100_000, "unknown_field_")), (1,)),
        ("300,000 unknown fields (3.4 MB file)", "check", registry("fields-4mb", fields(300_000, "u")), (1,)),
        ("20,000 repeated keys", "check", registry("repeated", lambda d: append(os.path.join(d, north), "name: Again\n" * 20_000)), (1,)),
        ("unchanged fixture", "render", registry("plain-render", lambda d: None), (0,)),
        ("narrative of 100,000 `>`", "render", registry("narrative", narrative), (0,)),
        ("template doubling a text", "render", registry("template", doubling), (2,)),
    ]
    print("| case | command | median s | peak MiB | exit codes allowed |")
    print("| --- | --- | ---: | ---: | --- |")
    for name, command, directory, allowed in cases:
        if command == "check":
            argv = [isg, "check", "--format", "json", "--today", TODAY, directory]
        else:
            argv = [isg, "render", directory, "--out", os.path.join(directory, "site")]
        samples = [run(argv, allowed) for _ in range(runs)]
        median = statistics.median(s[0] for s in samples)
        rss = max(s[1] for s in samples)
        print(f"| {name} | {command} | {median:.3f} | {rss:.0f} | {', '.join(map(str, allowed))} |", flush=True)


def main():
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    sizes = args or ["small", "regional", "national"]
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bins", "--examples"], cwd=ROOT, env=env, check=True)
    release = os.path.join(TARGET, "release")
    isg = os.path.join(release, "isg")
    floor = os.path.join(release, "examples", "parse_floor")
    os.makedirs(WORK, exist_ok=True)
    if "hostile" in sizes:
        hostile(isg, runs)
        sizes = [size for size in sizes if size != "hostile"]
        if not sizes:
            return
    print(f"| size | files | MB | check median s | floor median s | json median s | check / floor | run by run | check peak MiB |")
    print(f"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    history_commits = {"regional-history": 20_000, "national-history": 100_000}
    render_sizes = [size for size in sizes if size.endswith("-render")]
    sizes = [size for size in sizes if not size.endswith("-render")] + [size.replace("-render", "-history") for size in render_sizes if size.replace("-render", "-history") not in sizes]
    status_lines = []
    for size in sizes:
        directory = os.path.join(WORK, size)
        if not os.path.isdir(directory):
            base = size.removesuffix("-history")
            subprocess.run([os.path.join(release, "examples", "generate"), base, directory], check=True)
            if size in history_commits:
                subprocess.run([os.path.join(release, "examples", "generate_history"), directory, str(history_commits[size])], check=True)
                # Packed, as every clone is: loose objects would measure the generator, not isg.
                subprocess.run(["git", "-C", directory, "gc", "--quiet"], check=True)
        registry_files = [(d, f) for d, _, f in os.walk(directory) if "/.git" not in d + "/"]
        files = sum(len(f) for _, f in registry_files)
        megabytes = sum(os.path.getsize(os.path.join(d, n)) for d, f in registry_files for n in f) / 1e6
        if size.replace("-history", "-render") in render_sizes:
            out = os.path.join(WORK, size + "-site")
            render_time, render_rss = measure([isg, "render", directory, "--out", out], runs)
            pages = sum(1 for d, _, f in os.walk(out) for n in f if n.endswith(".html"))
            print(f"| {size.replace('-history', '-render')} | {pages} pages | | {render_time:.3f} | | | {pages / render_time:.0f} pages/s | | {render_rss:.0f} |", flush=True)
            if size not in sys.argv[1:]:
                continue
        run([isg, "check", "--today", TODAY, directory])  # warm the page cache
        (check_time, check_rss, checks), (floor_time, _, floors), (json_time, _, _) = measure_together(
            [[isg, "check", "--format", "json", "--today", TODAY, directory], [floor, directory], [floor, directory, "json"]],
            runs,
        )
        # Each check against the floor run straight after it: how far the
        # ratio moves from one run to the next on this machine.
        ratios = [check / floor for check, floor in zip(checks, floors)]
        print(f"| {size} | {files} | {megabytes:.0f} | {check_time:.3f} | {floor_time:.3f} | {json_time:.3f} | {check_time / floor_time:.2f} | {min(ratios):.2f} to {max(ratios):.2f} | {check_rss:.0f} |", flush=True)
        if size in AS_OF:
            (head_time, head_rss, _), (as_of_time, as_of_rss, _) = measure_together(
                [[isg, "status", "--format", "json", "--today", TODAY, directory],
                 [isg, "status", "--format", "json", "--as-of", AS_OF[size], directory]],
                runs,
            )
            status_lines.append(f"| {size} | {head_time:.3f} | {head_rss:.0f} | {AS_OF[size]} | {as_of_time:.3f} | {as_of_rss:.0f} | {as_of_time / head_time:.2f} |")
    if status_lines:
        print()
        print("| repository | status at HEAD s | peak MiB | --as-of | status --as-of s | peak MiB | as-of / HEAD |")
        print("| --- | ---: | ---: | --- | ---: | ---: | ---: |")
        for line in status_lines:
            print(line, flush=True)


if __name__ == "__main__":
    main()
