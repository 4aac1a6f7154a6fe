#!/usr/bin/env python3
"""Times the editor's loop: save a file → the page served (or reloaded in Chromium) shows it.

Usage: Benchmarks/serve.py [--briefs 10000] [--edits 10] [--skip-hugo]

1. The real explainer: `sitegen serve` in headless Chromium, on a brief scrolled halfway down;
   each edit appends a paragraph (saved as editors do: a temporary file, then a rename) and the
   time runs from just before the save to the `load` event of the reloaded page, read from the
   browser's own clock (performance.timeOrigin + loadEventEnd). Also checks that the page comes
   back at the same scroll position.
2. A generated archive (Benchmarks/generate.py, seed 1), on the disk (/tmp): sitegen serve and
   `hugo server` on the same content. A body edit: time until the brief's page is served with
   the new paragraph. A title edit: time until the brief's page shows the new title (list pages
   and backlinks are served from the same rebuild; checked once after).

Prints the first build, then median and worst of each kind of edit, for both tools.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def save(path: Path, text: str):
    """Writes as editors do: a temporary file beside it, then a rename over it."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8", "replace")


def wait_for(url: str, marker: str, timeout=60.0) -> float:
    """Polls `url` until its text contains `marker`; returns the time.perf_counter() it did."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if marker in fetch(url):
                return time.perf_counter()
        except Exception:
            pass
        time.sleep(0.002)
    raise SystemExit(f"timed out waiting for {marker!r} at {url}")


def start(command, ready: re.Pattern, cwd=None):
    """Starts a server with its output going to a log file (a pipe nobody reads would fill up and
    stop it); returns (process, the ready line's match, seconds until it printed it)."""
    log = Path(tempfile.mkstemp(prefix="sitegen-serve-bench-", suffix=".log")[1])
    begun = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)
    while process.poll() is None:
        match = ready.search(log.read_text(errors="replace"))
        if match:
            return process, match, time.perf_counter() - begun
        time.sleep(0.005)
    raise SystemExit(f"{command[0]} exited before it was ready:\n{log.read_text(errors='replace')[-2000:]}")


def summary(label, times_ms):
    print(f"  {label:<38} median {statistics.median(times_ms):7.1f} ms   worst {max(times_ms):7.1f} ms   ({len(times_ms)} edits)")


def real_explainer(sitegen, edits):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = Path(tempfile.mkdtemp(prefix="sitegen-serve-bench-", dir="/tmp"))
    shutil.copytree(ROOT / "Content", work / "Content")
    shutil.copytree(ROOT / "Templates", work / "Templates")
    process, match, first = start(
        [sitegen, "serve", "--port", "0", "--content", str(work / "Content"), "--templates", str(work / "Templates")],
        re.compile(r"Serving (http://\S+)"))
    base = match.group(1)
    print(f"real explainer: first build and serve {first * 1000:.0f} ms")
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        brief = work / "Content" / "briefs" / "rubio-visit-what-is-at-stake.md"
        driver.get(base + "briefs/rubio-visit-what-is-at-stake/")
        time.sleep(0.5)
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight / 2)")
        time.sleep(0.2)
        times = []
        scroll_kept = 0
        for i in range(edits):
            marker = f"Benchmark paragraph {i}."
            scrolled = driver.execute_script("return window.scrollY")
            text = brief.read_text()
            t0 = time.time() * 1000
            save(brief, text + f"\n{marker}\n")
            deadline = time.perf_counter() + 10
            while time.perf_counter() < deadline:
                try:
                    if driver.execute_script("return document.body.innerText.includes(arguments[0]) && document.readyState === 'complete'", marker):
                        break
                except Exception:
                    pass
                time.sleep(0.002)
            else:
                raise SystemExit("the page did not reload")
            time.sleep(0.05)
            loaded = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0]; return performance.timeOrigin + n.loadEventEnd")
            times.append(loaded - t0)
            if abs(driver.execute_script("return window.scrollY") - scrolled) <= 2:
                scroll_kept += 1
            time.sleep(0.2)
        summary("save → browser reloaded (Chromium)", times)
        print(f"  scroll position kept after {scroll_kept} of {edits} reloads")
    finally:
        driver.quit()
        process.terminate()
        shutil.rmtree(work, ignore_errors=True)


def archive(sitegen, briefs, edits, skip_hugo):
    work = Path("/tmp/sitegen-serve-bench") / str(briefs)
    if work.exists():
        shutil.rmtree(work)
    subprocess.run([sys.executable, str(ROOT / "Benchmarks/generate.py"), "--briefs", str(briefs), "--seed", "1",
                    "--out", str(work), "--templates", str(ROOT / "Templates")], check=True, stdout=subprocess.DEVNULL)
    slugs = sorted(p.stem for p in (work / "sitegen/Content/briefs").glob("*.md"))
    targets = slugs[len(slugs) // 2:len(slugs) // 2 + edits]

    tools = [("sitegen", [sitegen, "serve", "--port", "0", "--content", str(work / "sitegen/Content"),
                          "--templates", str(work / "sitegen/Templates")],
              re.compile(r"Serving (http://\S+)"), work / "sitegen/Content/briefs", "briefs/{}/")]
    if not skip_hugo:
        port = 1390
        tools.append(("hugo", ["hugo", "server", "--source", str(work / "hugo"), "--port", str(port), "--bind", "127.0.0.1",
                               "--baseURL", f"http://127.0.0.1:{port}/", "--disableLiveReload"],
                      re.compile(r"Web Server is available at (http://\S+?)/? "), work / "hugo/content/briefs", "briefs/{}/"))
    for name, command, ready, folder, page in tools:
        process, match, first = start(command, ready)
        base = match.group(1).rstrip("/") + "/"
        print(f"{briefs} briefs, {name}: first build and serve {first:.2f} s")
        try:
            body, titles = [], []
            for i, slug in enumerate(targets):
                path = folder / f"{slug}.md"
                url = base + page.format(slug)
                fetch(url)
                marker = f"Benchmark paragraph {name} {i}."
                text = path.read_text()
                t0 = time.perf_counter()
                save(path, text + f"\n{marker}\n")
                body.append((wait_for(url, marker) - t0) * 1000)
                time.sleep(0.3)
                new_title = f"Retitled by the benchmark {name} {i}"
                text = path.read_text()
                t0 = time.perf_counter()
                save(path, re.sub(r"(?m)^title: .*$", f"title: {new_title}", text, count=1))
                titles.append((wait_for(url, new_title) - t0) * 1000)
                time.sleep(0.3)
            if name == "sitegen":
                listed = new_title in fetch(base + "briefs/")
                print(f"  the briefs list shows the last new title: {listed}")
            summary(f"{name}: body edit → page served", body)
            summary(f"{name}: title edit → page served", titles)
        finally:
            process.terminate()
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    sitegen = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip() + "/sitegen"
    if not args.skip_browser:
        real_explainer(sitegen, args.edits)
    archive(sitegen, args.briefs, args.edits, args.skip_hugo)


if __name__ == "__main__":
    main()
