#!/usr/bin/env python3
"""Checks the editor's loop through an error, in headless Chromium.

Runs `sitegen serve` on a copy of Content/ and Templates/, opens a long brief scrolled down,
then saves the brief with an error (as editors save: a temporary file and a rename):
  - the page reloads into the error overlay, which names the file, line and column;
  - after the fix is saved, the page comes back where it was scrolled to (it came back at the
    top when the browser restored the overlay's position instead).

Usage: python3 Tests/site/serve_scroll.py path/to/sitegen
Exits 1 when a check fails.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check import browser

ROOT = Path(__file__).resolve().parent.parent.parent
BRIEF = "the-brawl-and-its-aftermath"


def save(path: Path, text: str):
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def wait(condition, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def main():
    sitegen = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix="sitegen-serve-scroll-", dir="/tmp"))
    shutil.copytree(ROOT / "Content", work / "Content")
    shutil.copytree(ROOT / "Templates", work / "Templates")
    log = (work / "serve.log").open("w")
    process = subprocess.Popen(
        [sitegen, "serve", "--port", "0", "--content", str(work / "Content"), "--templates", str(work / "Templates")],
        stdout=log, stderr=subprocess.STDOUT)
    driver = None
    failures = []
    try:
        if not wait(lambda: "Serving" in (work / "serve.log").read_text()):
            raise SystemExit("serve did not start:\n" + (work / "serve.log").read_text())
        base = re.search(r"Serving (http://\S+)", (work / "serve.log").read_text()).group(1)
        driver = browser()
        driver.set_window_size(1280, 800)
        driver.get(base + f"briefs/{BRIEF}/")
        wait(lambda: driver.execute_script("return document.readyState") == "complete")
        driver.execute_script("window.scrollTo(0, 1500)")
        time.sleep(0.3)
        scrolled = driver.execute_script("return scrollY")
        path = work / "Content" / "briefs" / f"{BRIEF}.md"
        original = path.read_text()
        save(path, original.replace("date: ", "date: 2025-13-", 1))
        if not wait(lambda: "Build failed" in driver.title):
            failures.append("the page did not reload into the error overlay")
        elif f"briefs/{BRIEF}.md:" not in driver.page_source:
            failures.append("the overlay does not name the file")
        save(path, original)
        if not wait(lambda: "Build failed" not in driver.title):
            failures.append("the page did not come back after the fix")
        wait(lambda: driver.execute_script("return scrollY") == scrolled, timeout=5)
        back = driver.execute_script("return scrollY")
        if back != scrolled:
            failures.append(f"after the fix the page is at {back} px, not where it was ({scrolled} px)")
        else:
            print(f"serve: error overlay, then the fix: the brief is back at {back} px")
    finally:
        if driver:
            driver.quit()
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
