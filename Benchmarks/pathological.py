#!/usr/bin/env python3
"""Times sitegen on pathological bodies at n, 2n and 4n, and prints how the time grows.

Usage: Benchmarks/pathological.py [--sitegen PATH] [--timeout SECONDS]

Each case is one brief in a minimal site, checked with `sitegen check` (release build unless
--sitegen names another binary, e.g. an older build to compare with). A linear case takes about
twice the time at 2n and four times at 4n; the growth line is t(4n)/t(n). Most cases run with
the content limits raised in site.md, to time the input itself; the "default limits" cases show
what a site that keeps the defaults gets ("refused": an error at the place, in milliseconds).
An older binary that does not know the limit settings fails those runs with "exit 1".
"""
import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Limits raised out of the way, to time what sitegen and cmark-gfm do with the input itself.
RAISED = "max-body-bytes: 100000000\nmax-link-length: 100000000\nmax-table-columns: 100000"

CASES = [
    ("deep emphasis nesting", [16_000, 32_000, 64_000],
     lambda n: "*a **a " * n + "b" + " a** a*" * n, RAISED),
    ("<b>x</b> on one line (warnings)", [1_000, 2_000, 4_000],
     lambda n: "<b>x</b>" * n, RAISED),
    ("equal headings '## a'", [10_000, 20_000, 40_000],
     lambda n: "## a\n\n" * n, RAISED),
    ("'![[]()' repeated", [10_000, 20_000, 40_000],
     lambda n: "![[]()" * n, RAISED),
    ("table columns, limits raised", [2_500, 5_000, 10_000],
     lambda n: ("|" + " a |" * n + "\n|" + "---|" * n + "\n") + ("|" + " b |" * n + "\n") * 10, RAISED),
    ("table columns, default limits", [2_500, 5_000, 10_000],
     lambda n: ("|" + " a |" * n + "\n|" + "---|" * n + "\n") + ("|" + " b |" * n + "\n") * 10, ""),
    ("100 KB link used n times, limits raised", [2_500, 5_000, 10_000],
     lambda n: "[x] " * n + "\n\n[x]: https://example.org/" + "a" * 100_000 + "\n", RAISED),
    ("100 KB link used n times, default limits", [2_500, 5_000, 10_000],
     lambda n: "[x] " * n + "\n\n[x]: https://example.org/" + "a" * 100_000 + "\n", ""),
]


def site(folder: Path, body: str, settings: str):
    (folder / "Content/briefs").mkdir(parents=True)
    (folder / "Content/site.md").write_text(
        f"---\ntitle: T\ndescription: D\nlanguage: en\nas-of: 2025-08-30\n{settings}\n---\n".replace("\n\n---", "\n---"))
    (folder / "Content/briefs/b.md").write_text(
        "---\ntitle: B\nsummary: S.\ndate: 2025-08-01\nkind: news\n---\n" + body + "\n")


def run(sitegen: str, folder: Path, timeout: float):
    start = time.perf_counter()
    try:
        done = subprocess.run([sitegen, "check", "--content", str(folder / "Content"), "--templates",
                               str(ROOT / "Templates")], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout", 0
    seconds = time.perf_counter() - start
    status = "ok" if done.returncode == 0 else ("refused" if b"limits." in done.stderr else f"exit {done.returncode}")
    if done.returncode < 0:
        status = f"signal {-done.returncode}"
    return seconds, status, len(done.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitegen")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    sitegen = args.sitegen
    if not sitegen:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        sitegen = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip() + "/sitegen"
    print(f"{'case':<46} {'n':>7} {'s':>8} {'stderr':>10}  result")
    for name, sizes, make, settings in CASES:
        times = []
        for n in sizes:
            with tempfile.TemporaryDirectory(dir="/tmp") as folder:
                site(Path(folder), make(n), settings)
                seconds, status, stderr = run(sitegen, Path(folder), args.timeout)
            times.append(seconds)
            shown = f"{seconds:8.2f}" if seconds is not None else "       –"
            print(f"{name:<46} {n:>7} {shown} {stderr:>10}  {status}")
            if seconds is None:
                break
        if len(times) == 3 and all(times) and times[0] > 0:
            print(f"{'':<46} growth t(4n)/t(n) = {times[2] / times[0]:.1f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
