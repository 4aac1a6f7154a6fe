#!/usr/bin/env python3
"""Times the quote check (the "quotes, policies" stage of `sitegen check --timings`).

Usage: Benchmarks/quotes.py [--sitegen PATH] [--runs N]

1. The real site (Content/ and Templates/ of this repository).
2. One source document of 1 MB, 2 MB and 4 MB (sentences of a fixed vocabulary, seed 1) and a
   brief that quotes 100 passages of it, the last ones near the end: the time should double
   with the document (Knuth–Morris–Pratt is linear), and 1 MB should take milliseconds.
3. The same documents with 100 quotes that are NOT in them (one word changed): each miss also
   looks for the closest passage (from the occurrences of the quote's rarest words, within a
   budget of alignments).
4. Eight documents of 4 MB each (32 MB; a vocabulary of 5,000 made-up words, Zipf-distributed
   as running text is) cited by one brief with 1,000 near-miss quotations in its paragraphs:
   issue #23 asks for under 2 s.

Prints the best of --runs times of the stage, and how many quotes the check reports proven.
Release build unless --sitegen names another binary.
"""
import argparse
import random
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("the senate cartel border president security session troops reform judges governor "
         "minister drone training sovereignty visit deal statement report opposition party "
         "congress commission extradition fentanyl violence cooperation washington mexico").split()


def stage_time(sitegen, content, templates):
    out = subprocess.run([sitegen, "check", "--timings", "--content", str(content), "--templates", str(templates)],
                         capture_output=True, text=True)
    text = out.stdout + out.stderr
    m = re.search(r"quotes, policies\s+([0-9.]+) s", text)
    proven = re.search(r"Proven: (\d+) quotations?", text)
    errors = len(re.findall(r": error: ", text))
    return float(m.group(1)) if m else None, int(proven.group(1)) if proven else 0, errors


def best(sitegen, content, templates, runs):
    results = [stage_time(sitegen, content, templates) for _ in range(runs)]
    return min(r[0] for r in results), results[0][1], results[0][2]


def document(rng, size):
    parts, n = [], 0
    while n < size:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        parts.append(s)
        n += len(s) + 1
    return parts


def synthetic(root, megabytes, miss):
    rng = random.Random(1)
    content = root / "Content"
    for sub in ("briefs", "sources"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    (content / "site.md").write_text("---\ntitle: T\ndescription: D\nlanguage: en\nas-of: 2025-08-30\n---\nIntro.\n")
    sentences = document(rng, megabytes * 1_000_000)
    (content / "sources" / "doc.md").write_text("---\ntitle: Doc\npublisher: P\nkind: report\n---\n"
                                                + " ".join(sentences) + "\n")
    picks = sorted(rng.sample(range(len(sentences)), 100))
    quotes = []
    for i in picks:
        q = sentences[i]
        if miss:
            words = q.split()
            words[len(words) // 2] = "zzyzx"
            q = " ".join(words)
        quotes.append(f"> {q}")
    (content / "briefs" / "b.md").write_text(
        "---\ntitle: B\nsummary: S.\ndate: 2025-08-30\nkind: news\nsources: [doc]\n---\n" + "\n\n".join(quotes) + "\n")
    return content


def zipf_corpus(root, documents=8, megabytes=4, quotes=1000):
    rng = random.Random(2)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(5000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    content = root / "Content"
    for sub in ("briefs", "sources"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    (content / "site.md").write_text("---\ntitle: T\ndescription: D\nlanguage: en\nas-of: 2025-08-30\n---\nIntro.\n")
    picked = []
    for d in range(documents):
        paragraphs, n = [], 0
        while n < megabytes * 1_000_000:
            words = rng.choices(vocabulary, weights, k=rng.randint(40, 120))
            paragraph = " ".join(words).capitalize() + "."
            paragraphs.append(paragraph)
            n += len(paragraph) + 2
        (content / "sources" / f"doc{d}.md").write_text(
            f"---\ntitle: Doc {d}\npublisher: P\nkind: report\n---\n" + "\n\n".join(paragraphs) + "\n")
        for _ in range(quotes // documents):
            words = rng.choice(paragraphs).rstrip(".").split()
            start = rng.randrange(0, max(1, len(words) - 12))
            quote = words[start:start + 12]
            quote[len(quote) // 2] = "zzyzx"
            picked.append(" ".join(quote))
    body = "\n\n".join(f"It says “{q}” there." for q in picked)
    sources = ", ".join(f"doc{d}" for d in range(documents))
    (content / "briefs" / "b.md").write_text(
        f"---\ntitle: B\nsummary: S.\ndate: 2025-08-30\nkind: news\nsources: [{sources}]\n---\n" + body + "\n")
    return content


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitegen")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sitegen = args.sitegen
    if not sitegen:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True,
                       capture_output=True)
        sitegen = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip() + "/sitegen"
    t, proven, errors = best(sitegen, ROOT / "Content", ROOT / "Templates", args.runs)
    print(f"{'case':<40} {'stage s':>9} {'quotes proven':>14} {'errors':>7}")
    print(f"{'real site':<40} {t:>9.4f} {proven:>14} {errors:>7}")
    for miss in (False, True):
        for mb in (1, 2, 4):
            with tempfile.TemporaryDirectory() as tmp:
                content = synthetic(Path(tmp), mb, miss)
                t, proven, errors = best(sitegen, content, ROOT / "Templates", args.runs)
                label = f"{mb} MB document, 100 {'misquotes' if miss else 'quotes'}"
                print(f"{label:<40} {t:>9.4f} {proven:>14} {errors:>7}")
    with tempfile.TemporaryDirectory() as tmp:
        content = zipf_corpus(Path(tmp))
        t, proven, errors = best(sitegen, content, ROOT / "Templates", args.runs)
        print(f"{'8 × 4 MB documents, 1,000 misquotes':<40} {t:>9.4f} {proven:>14} {errors:>7}")


if __name__ == "__main__":
    main()
