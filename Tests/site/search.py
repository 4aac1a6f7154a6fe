#!/usr/bin/env python3
"""Checks the site's search as a reader uses it, in headless Chromium.

Serves the built site (with its Pagefind index), opens /search/ and:
  - without JavaScript's help, the page lists every list page to browse instead;
  - searching "Rubio" lists Marco Rubio's profile and the brief about his visit;
  - the Kind filter "Person" narrows the results to his profile alone;
  - axe-core finds no violation on the search page with its results, light and dark;
  - saves screenshots at 390 and 1280 px when --screenshots is given.

Usage: python3 Tests/site/search.py [Public] [--base-path /sub/path/] [--screenshots DIR]
Exits 1 when a check fails.
"""

import argparse
import sys
import time
from pathlib import Path

from check import Results, axe_violations, browser, serve  # the site checks' server, browser and axe

import importlib.util
from selenium.webdriver.common.by import By


def wait_for(driver, script, timeout=15):
    """Polls a JavaScript expression until it is truthy; returns its value (or None at the timeout)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script("return " + script)
        if value:
            return value
        time.sleep(0.1)
    return None


def result_paths(driver, base):
    links = driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")
    return [link.get_attribute("href").removeprefix(base) for link in links]


def settled_paths(driver, base, done, timeout=15):
    """The result links once `done(paths)` holds, or as they are at the timeout: Pagefind's UI
    writes "N results" first and each result's link as its fragment arrives."""
    deadline = time.time() + timeout
    while True:
        paths = result_paths(driver, base)
        if done(paths) or time.time() > deadline:
            return paths
        time.sleep(0.1)


def search(driver, query):
    field = driver.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input")
    field.clear()
    field.send_keys(query)
    # The message reads "N results for Rubio" once the results are in.
    return wait_for(driver, f"(document.querySelector('.pagefind-ui__message') || {{}}).textContent"
                            f" && document.querySelector('.pagefind-ui__message').textContent.includes('{query}')"
                            f" && document.querySelector('.pagefind-ui__message').textContent")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default="Public")
    parser.add_argument("--base-path", default="/")
    parser.add_argument("--screenshots", default="")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    results = Results()

    page = (root / "search" / "index.html").read_text()
    lists = ["briefs/", "timeline/", "people/", "organizations/", "topics/", "sources/"]
    missing = [path for path in lists if f'href="../{path}"' not in page and f'href="{path}"' not in page]
    results.record(not missing, "the search page lists every list page to browse without JavaScript",
                   "missing: " + ", ".join(missing) if missing else "")
    results.record((root / "pagefind" / "pagefind-ui.js").is_file(), "the build wrote the Pagefind index")

    server = serve(root, args.base_path)
    base = f"http://127.0.0.1:{server.server_port}{args.base_path}"
    axe_dir = importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]
    axe_source = Path(axe_dir, "axe.min.js").read_text()
    driver = browser()
    try:
        driver.set_window_size(1280, 900)
        driver.get(base + "search/")
        ready = wait_for(driver, "document.querySelector('.pagefind-ui__search-input') !== null")
        results.record(bool(ready), "Pagefind's search field is on the search page")
        hidden = driver.execute_script("return document.getElementById('search-browse').hidden")
        results.record(hidden, "with the index loaded, the browsing list gives way to the search")

        message = search(driver, "Rubio")
        expected = ["people/marco-rubio/", "briefs/rubio-visit-what-is-at-stake/"]
        found = settled_paths(driver, base, lambda paths: all(path in paths for path in expected))
        results.record(message and all(path in found for path in expected),
                       f"'Rubio' finds his profile and the brief about his visit ({message})",
                       f"results: {found}")

        driver.find_element(By.XPATH, "//summary[normalize-space()='Kind']").click()
        driver.find_element(By.CSS_SELECTOR, "label[for='kind-Person']").click()
        narrowed = wait_for(driver, "document.querySelector('.pagefind-ui__message').textContent.startsWith('1 result')")
        after = settled_paths(driver, base, lambda paths: paths == ["people/marco-rubio/"])
        results.record(bool(narrowed) and after == ["people/marco-rubio/"],
                       "the Kind filter 'Person' narrows 'Rubio' to his profile", f"results: {after}")
        driver.find_element(By.CSS_SELECTOR, "label[for='kind-Person']").click()
        search(driver, "Rubio")

        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            problems = axe_violations(driver, axe_source)
            results.record(not problems, f"axe-core on the search page with results, {scheme} scheme: 0 violations",
                           "\n".join(problems))

        if args.screenshots:
            folder = Path(args.screenshots)
            folder.mkdir(parents=True, exist_ok=True)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
            for width in (390, 1280):
                driver.set_window_size(width, 900)
                time.sleep(0.3)
                driver.save_screenshot(str(folder / f"search-{width}.png"))
    finally:
        driver.quit()
        server.shutdown()
    print(f"search checks: {results.passed} passed, {results.failed} failed")
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
