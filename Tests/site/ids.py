#!/usr/bin/env python3
"""Lists every id that appears more than once on a page, for each HTML page below the folders.

Usage: Tests/site/ids.py FOLDER...   (exit 1 when a page has a duplicate id)
"""
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1

    handle_startendtag = handle_starttag


def duplicates(folder: Path):
    for page in sorted(folder.rglob("*.html")):
        parser = Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        twice = sorted(i for i, n in parser.ids.items() if n > 1)
        if twice:
            yield page.relative_to(folder), twice


def main():
    found = False
    pages = 0
    for folder in map(Path, sys.argv[1:]):
        pages += len(list(folder.rglob("*.html")))
        for page, ids in duplicates(folder):
            found = True
            print(f"{folder}/{page}: duplicate id {', '.join(ids)}")
    if not found:
        print(f"no duplicate id on {pages} pages")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
