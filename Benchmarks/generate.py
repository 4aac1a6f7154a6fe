#!/usr/bin/env python3
"""Generates a synthetic newsroom archive, deterministic from a seed, in three forms:

  OUT/sitegen/Content + Templates   the content model of sitegen (Templates copied from the repo)
  OUT/hugo/                          the same site as Hugo users would write it: people,
                                     organizations and topics as taxonomies with term pages,
                                     events as a section, a timeline list page
  OUT/cmark/all.md                   every Markdown body concatenated, for cmark-gfm alone

Shapes (--shape), per 10,000 briefs:
  default    1,000 people, 300 organizations, 4,000 events, 300 topics; a brief names 1-4 people,
             0-2 organizations, 1-2 topics, 0-3 events, all at random
  hubs       few and much named: 20 people, 5 organizations, 4,000 events, 10 topics; each person
             is named by about 1,250 briefs, each topic by 1,500
  long-tail  many people named once: 20,000 people, each named by exactly one brief (two a brief)
             and by no event; 300 organizations, 4,000 events, 300 topics
  events     event-heavy: 1,000 people, 300 organizations, 30,000 events, 300 topics; a brief
             names 2-6 events
Briefs run from a few hundred to a few thousand words of varied Markdown: headings, lists,
tables, footnotes, links, emphasis and @ references (plain links in the Hugo copy). Every page
cites one source document (sitegen's quote check proves its block quotes against it).

Usage: generate.py --briefs 10000 --seed 1 --out DIR --templates Templates [--shape default]
"""

import argparse
import random
import shutil
from pathlib import Path

WORDS = (
    "security cooperation sovereignty congress senate session governor border fentanyl cartel "
    "violence reform judges court minister ministry president party coalition opposition vote "
    "statement investigation drone training extradition treaty visit delegation hearing budget "
    "police military marine army region state city municipality election campaign poll policy "
    "agreement negotiation pressure tariff trade migration asylum report analysis source outlet "
    "the a of to in and for on with by from at as that this which while after before during "
    "said says announced confirmed denied proposed rejected approved signed met called warned "
    "new former national federal local public official senior joint annual weekly major key"
).split()
KINDS = ["explainer", "analysis", "news", "backgrounder"]
ORG_KINDS = ["party", "government", "legislature", "court", "agency", "outlet", "group"]


def sentence(rng, n=None):
    n = n or rng.randint(8, 24)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()


def paragraph(rng, refs, hugo):
    parts = []
    for _ in range(rng.randint(2, 6)):
        s = sentence(rng)
        roll = rng.random()
        if roll < 0.25 and refs:
            kind, slug = rng.choice(refs)
            target = f"/{kind}/{slug}/" if hugo else f"@{kind}/{slug}"
            s = s[:-1] + f", as [{slug.replace('-', ' ')}]({target}) noted."
        elif roll < 0.35:
            first, rest = s.split(" ", 1)
            s = f"*{first}* {rest}" if rng.random() < 0.5 else f"**{first}** {rest}"
        elif roll < 0.40:
            s = s[:-1] + " (see https://example.org/report)."
        parts.append(s)
    return " ".join(parts)


# Every block quote the bodies have: the text of the source document they all cite, so that
# sitegen's quote check finds each one (and measures its cost on a realistic document).
QUOTED = []


def body(rng, target_words, refs, hugo, footnotes=True):
    out = []
    words = 0
    section = 0
    notes = 0
    while words < target_words:
        roll = rng.random()
        if roll < 0.12:
            section += 1
            out.append(f"## {title(rng)} {section}")
        elif roll < 0.18:
            out.append(f"### {title(rng)}")
        elif roll < 0.28:
            items = [f"- {sentence(rng, rng.randint(5, 12))}" for _ in range(rng.randint(3, 6))]
            out.append("\n".join(items))
            words += 8 * len(items)
        elif roll < 0.31:
            rows = ["| Item | Value | Note |", "|---|---:|---|"]
            for _ in range(rng.randint(3, 8)):
                rows.append(f"| {rng.choice(WORDS)} | {rng.randint(1, 99999):,} | {sentence(rng, 4)} |")
            out.append("\n".join(rows))
            words += 6 * len(rows)
        elif roll < 0.33:
            quote = sentence(rng)
            QUOTED.append(quote)
            out.append("> " + quote)
            words += 15
        else:
            p = paragraph(rng, refs, hugo)
            if footnotes and rng.random() < 0.1:
                notes += 1
                p += f"[^{notes}]"
            out.append(p)
            words += p.count(" ") + 1
    for n in range(1, notes + 1):
        out.append(f"[^{n}]: {sentence(rng)}")
    return "\n\n".join(out) + "\n"


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


SHAPES = {
    # people, organizations, events, topics per brief; events a brief names (min, max)
    "default": (0.1, 0.03, 0.4, 0.03, (0, 3)),
    "hubs": (0.002, 0.0005, 0.4, 0.001, (0, 3)),
    "long-tail": (2.0, 0.03, 0.4, 0.03, (0, 3)),
    "events": (0.1, 0.03, 3.0, 0.03, (2, 6)),
}


def generate(n_briefs, seed, out, templates, shape="default"):
    rng = random.Random(seed)
    per_people, per_orgs, per_events, per_topics, brief_events = SHAPES[shape]
    n_people = max(10, int(n_briefs * per_people))
    n_orgs = max(5, int(n_briefs * per_orgs))
    n_events = max(10, int(n_briefs * per_events))
    n_topics = max(5, int(n_briefs * per_topics))
    long_tail = shape == "long-tail"
    # In the long tail, events name only the first twentieth of the people.
    people = [f"person-{i}" for i in range(n_people)]
    event_people = people[: max(10, n_people // 20)] if long_tail else people
    orgs = [f"organization-{i}" for i in range(n_orgs)]
    events = [f"event-{i}" for i in range(n_events)]
    topics = [f"topic-{i}" for i in range(n_topics)]

    site = out / "sitegen"
    content = site / "Content"
    hugo = out / "hugo"
    cmark = out / "cmark"
    for folder in (site, hugo, cmark):
        shutil.rmtree(folder, ignore_errors=True)
    for sub in ("briefs", "people", "organizations", "events", "topics", "sources"):
        (content / sub).mkdir(parents=True)
    QUOTED.clear()
    for sub in ("briefs", "events", "people", "organizations", "topics", "timeline"):
        (hugo / "content" / sub).mkdir(parents=True)
    cmark.mkdir(parents=True)
    shutil.copytree(templates, site / "Templates")
    write_hugo_scaffold(hugo)
    bodies = []

    (content / "site.md").write_text(
        "---\ntitle: Benchmark archive\ndescription: A synthetic archive.\nlanguage: en\nas-of: 2025-08-30\n"
        "base-url: https://example.org/archive/\nfigures: off\n---\nA synthetic archive for benchmarks.\n")

    def date(r):
        return f"{r.randint(2015, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"

    def write(kind, slug, front_sitegen, front_hugo, text_sitegen, text_hugo):
        if "sources:" not in front_sitegen:
            front_sitegen += "sources: [wire]\n"
        (content / kind / f"{slug}.md").write_text(f"---\n{front_sitegen}---\n{text_sitegen}")
        if kind in ("people", "organizations", "topics"):
            # In Hugo these are taxonomy terms; a term page's own text lives in its _index.md.
            (hugo / "content" / kind / slug).mkdir(parents=True, exist_ok=True)
            target = hugo / "content" / kind / slug / "_index.md"
        else:
            target = hugo / "content" / kind / f"{slug}.md"
        target.write_text(f"---\n{front_hugo}---\n{text_hugo}")
        bodies.append(text_sitegen)

    for i, slug in enumerate(people):
        affiliations = rng.sample(orgs, rng.randint(0, 2))
        text = body(rng, rng.randint(60, 200), [], False, footnotes=False)
        front = (f"name: Person {i}\nrole: {title(rng)}\nsummary: {sentence(rng)}\ncountry: Mexico\n"
                 f"affiliations: {yaml_list(affiliations)}\n")
        write("people", slug, front, f"title: Person {i}\nsummary: {sentence(rng)}\n", text, text)
    for i, slug in enumerate(orgs):
        text = body(rng, rng.randint(40, 150), [], False, footnotes=False)
        front = f"name: Organization {i}\nkind: {rng.choice(ORG_KINDS)}\nsummary: {sentence(rng)}\n"
        write("organizations", slug, front, f"title: Organization {i}\n", text, text)
    for i, slug in enumerate(topics):
        text = body(rng, rng.randint(60, 200), [], False, footnotes=False)
        write("topics", slug, f"title: Topic {i}\nsummary: {sentence(rng)}\n", f"title: Topic {i}\n", text, text)
    for i, slug in enumerate(events):
        ev_people = rng.sample(event_people, rng.randint(1, 3))
        ev_orgs = rng.sample(orgs, rng.randint(0, 2))
        ev_topics = rng.sample(topics, 1)
        d = date(rng)
        text = body(rng, rng.randint(40, 160), [], False, footnotes=False)
        front = (f"title: {title(rng)}\ndate: {d}\npeople: {yaml_list(ev_people)}\n"
                 f"organizations: {yaml_list(ev_orgs)}\ntopics: {yaml_list(ev_topics)}\n")
        hugo_front = (f"title: {title(rng)}\ndate: {d}\npeople: {yaml_list(ev_people)}\n"
                      f"organizations: {yaml_list(ev_orgs)}\ntopics: {yaml_list(ev_topics)}\n")
        write("events", slug, front, hugo_front, text, text)
    for i in range(n_briefs):
        slug = f"brief-{i}"
        b_people = [people[(2 * i) % n_people], people[(2 * i + 1) % n_people]] if long_tail else \
            rng.sample(people, rng.randint(1, 4))
        b_orgs = rng.sample(orgs, rng.randint(0, 2))
        b_topics = rng.sample(topics, rng.randint(1, 2))
        b_events = rng.sample(events, rng.randint(*brief_events))
        refs = [("people", p) for p in b_people] + [("events", e) for e in b_events] + \
               [("organizations", o) for o in b_orgs]
        target = int(min(3000, max(300, rng.lognormvariate(6.9, 0.6))))
        seed_state = rng.getstate()
        text = body(rng, target, refs, False)
        rng.setstate(seed_state)
        text_hugo = body(rng, target, refs, True)
        d = date(rng)
        t = title(rng)
        s = sentence(rng)
        kind = rng.choice(KINDS)
        front = (f"title: {t}\nsummary: {s}\ndate: {d}\nkind: {kind}\npeople: {yaml_list(b_people)}\n"
                 f"organizations: {yaml_list(b_orgs)}\ntopics: {yaml_list(b_topics)}\n"
                 f"events: {yaml_list(b_events)}\nsources:\n  - document: wire\n    note: {s}\n")
        hugo_front = (f"title: {t}\nsummary: {s}\ndate: {d}\nkind: {kind}\npeople: {yaml_list(b_people)}\n"
                      f"organizations: {yaml_list(b_orgs)}\ntopics: {yaml_list(b_topics)}\n"
                      f"events: {yaml_list(b_events)}\n")
        write("briefs", slug, front, hugo_front, text, text_hugo)
    (cmark / "all.md").write_text("\n".join(bodies))
    # The one source document every page cites: the text its block quotes come from.
    (content / "sources" / "wire.md").write_text(
        "---\ntitle: Example Wire report\npublisher: Example Wire\nkind: report\n---\n" + "\n".join(QUOTED) + "\n")
    words = sum(b.count(" ") for b in bodies)
    print(f"generated ({shape}) {n_briefs} briefs, {n_people} people, {n_orgs} organizations, {n_events} events, "
          f"{n_topics} topics; {words:,} words of Markdown in {out}")


def write_hugo_scaffold(hugo):
    (hugo / "hugo.toml").write_text("""baseURL = "https://example.org/archive/"
languageCode = "en"
title = "Benchmark archive"
disableKinds = ["RSS"]
paginate = 25
[taxonomies]
  person = "people"
  organization = "organizations"
  topic = "topics"
[markup.goldmark.extensions]
  table = true
  strikethrough = true
  linkify = true
  taskList = true
  footnote = true
  typographer = true
[markup.goldmark.parser]
  autoHeadingID = true
""")
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}"></head>
<body><nav><a href="{{ "briefs/" | relURL }}">Briefs</a> <a href="{{ "timeline/" | relURL }}">Timeline</a>
<a href="{{ "people/" | relURL }}">People</a> <a href="{{ "topics/" | relURL }}">Topics</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""")
    (layouts / "single.html").write_text("""{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "January 2, 2006" }} · {{ .ReadingTime }} min read</p>
{{ .TableOfContents }}
{{ .Content }}
{{ with .GetTerms "people" }}<h2>People</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .GetTerms "topics" }}<h2>Topics</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Site.RegularPages.Related . | first 3 }}<h2>Related</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""")
    # Lists in pages of 25, as sitegen's (page-size: 25).
    (layouts / "list.html").write_text("""{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}: {{ .Summary | plainify | truncate 160 }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""")
    (layouts / "terms.html").write_text("""{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""")
    # Term pages show what sitegen's profile, organization and topic pages show: the briefs as
    # cards with their summaries, 25 a page, and on the first page the events as a timeline
    # grouped by month with a line each.
    (layouts / "term.html").write_text("""{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Briefs</h2><ul>{{ range (.Paginate (where .Pages "Section" "briefs")).Pages }}<li><p>{{ .Params.kind }} · {{ .Date.Format "January 2, 2006" }} · {{ .ReadingTime }} min read</p>
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ if eq .Paginator.PageNumber 1 }}<h2>Timeline</h2>{{ range (where .Pages "Section" "events").GroupByDate "January 2006" }}<h3>{{ .Key }}</h3><ol>
{{ range .Pages.ByDate }}<li id="{{ .File.BaseFileName }}"><p>{{ .Date.Format "January 2, 2006" }}</p><h4><a href="{{ .RelPermalink }}">{{ .Title }}</a></h4>
<p>{{ .Summary | plainify | truncate 160 }}</p><ul>{{ range .GetTerms "people" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></li>{{ end }}</ol>{{ end }}{{ end }}{{ end }}
""")
    timeline = hugo / "layouts" / "timeline"
    timeline.mkdir(parents=True)
    (timeline / "list.html").write_text("""{{ define "main" }}<h1>Timeline</h1>
{{ range (where .Site.RegularPages "Section" "events").GroupByDate "January 2006" }}<h2>{{ .Key }}</h2>
<ol>{{ range .Pages.ByDate }}<li id="{{ .File.BaseFileName }}">{{ .Date.Format "January 2, 2006" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}{{ end }}
""")
    (hugo / "content" / "timeline" / "_index.md").write_text("---\ntitle: Timeline\n---\n")
    (hugo / "static" / "assets").mkdir(parents=True)
    (hugo / "static" / "assets" / "style.css").write_text("body{margin:0}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--templates", type=Path, default=Path("Templates"))
    parser.add_argument("--shape", choices=sorted(SHAPES), default="default")
    args = parser.parse_args()
    generate(args.briefs, args.seed, args.out, args.templates, args.shape)


if __name__ == "__main__":
    main()
