/// The page models' parts, made from the graph: dates already formatted, URLs already
/// relative to the page, cards and rows rendered once through their cached partials.
struct PageParts {
    let graph: RecordedGraph
    /// From the page being rendered back to the site root, e.g. `../../`.
    let root: String
    /// Where cards and event rows are rendered once and reused.
    let fragments: FragmentCache

    func url(_ kind: ContentKind, _ slug: String) -> String { root + ContentURL.path(kind, slug) }

    // MARK: Dates

    /// "September 2–4, 2025" as two `<time>`s: the date's texts, and its HTML rendered once per
    /// date by the cached partial `partials/cached/date`, which the partial's stand-in inserts.
    func date(_ start: PartialDate, end: PartialDate? = nil) -> DateModel {
        let key = end.map { start.iso + "/" + $0.iso } ?? start.iso
        return fragments.item(.init(partial: .date, item: key, root: ""), typed: \.date, reads: graph.log) { DateTexts(start, end: end) }!
    }

    // MARK: Cards

    /// The heading level cards take: 3 under a section's h2, 2 on list pages under the h1.
    func briefCard(_ slug: String, level: Int = 3) -> Card<BriefCard>? {
        fragments.item(.init(partial: .brief, item: slug, root: root, variant: level), typed: \.brief, reads: graph.log) {
            graph.briefs[slug].map { b in
                BriefCard(
                    title: b.title, url: url(.brief, slug), summary: b.summary, kindLabel: b.kind.label, date: date(b.date),
                    readingMinutes: graph.body(.brief, slug)?.readingMinutes ?? 1, cardLevel: level, isDraft: b.isDraft)
            }
        }
    }

    func personCard(_ slug: String, level: Int = 3) -> Card<PersonCard>? {
        fragments.item(.init(partial: .person, item: slug, root: root, variant: level), typed: \.person, reads: graph.log) {
            graph.people[slug].map { PersonCard(name: $0.name, url: url(.person, slug), role: $0.role, summary: $0.summary, cardLevel: level) }
        }
    }

    func organizationCard(_ slug: String, level: Int = 3) -> Card<OrganizationCard>? {
        fragments.item(.init(partial: .organization, item: slug, root: root, variant: level), typed: \.organization, reads: graph.log) {
            graph.organizations[slug].map {
                OrganizationCard(
                    name: $0.name, url: url(.organization, slug), shortName: $0.shortName, kindLabel: $0.kind.label,
                    summary: $0.summary, cardLevel: level)
            }
        }
    }

    func topicCard(_ slug: String, level: Int = 3) -> Card<TopicCard>? {
        fragments.item(.init(partial: .topic, item: slug, root: root, variant: level), typed: \.topic, reads: graph.log) {
            graph.topics[slug].map { TopicCard(title: $0.title, url: url(.topic, slug), summary: $0.summary, cardLevel: level) }
        }
    }

    /// A source document as a card of the sources list (no cached partial: the list's template
    /// shows it).
    func sourceCard(_ slug: String, level: Int = 3) -> SourceCard? {
        graph.documents(SourceDocument.self)[slug].map { SourceCard(summary: sourceSummary($0), cardLevel: level) }
    }

    func briefCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Card<BriefCard>] {
        slugs.compactMap { briefCard($0, level: level) }
    }

    func personCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Card<PersonCard>] {
        slugs.compactMap { personCard($0, level: level) }
    }

    func organizationCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Card<OrganizationCard>] {
        slugs.compactMap { organizationCard($0, level: level) }
    }

    func eventRows(_ slugs: some Sequence<String>) -> [Card<EventRow>] {
        slugs.compactMap { eventRow($0) }
    }

    func chip(_ reference: ContentReference) -> Chip? {
        switch reference.kind {
        case .person: graph.people[reference.slug].map { Chip(label: $0.name, url: url(.person, $0.slug)) }
        case .organization:
            graph.organizations[reference.slug].map { Chip(label: $0.shortName ?? $0.name, url: url(.organization, $0.slug)) }
        case .topic: graph.topics[reference.slug].map { Chip(label: $0.title, url: url(.topic, $0.slug)) }
        case .event: graph.events[reference.slug].map { Chip(label: $0.title, url: url(.event, $0.slug)) }
        default: nil
        }
    }

    /// An event as a timeline row. `markAsOf` puts the "as of" line before it.
    func eventRow(_ slug: String, markAsOf: Bool = false, titleLevel: Int = 3) -> Card<EventRow>? {
        fragments.item(
            .init(partial: .event, item: slug, root: root, variant: titleLevel * 2 + (markAsOf ? 1 : 0)), typed: \.event,
            reads: graph.log
        ) {
            graph.events[slug].map { e in
                EventRow(
                    id: slug, title: e.title, url: url(.event, slug), date: date(e.date, end: e.end),
                    summary: e.summary ?? Self.line(graph.body(.event, slug)?.leadText ?? ""), isScheduled: graph.isScheduled(e),
                    people: e.people.compactMap(chip), location: e.location, asOfMarker: markAsOf,
                    asOfText: graph.site.asOf.displayText, titleLevel: titleLevel)
            }
        }
    }

    /// Events grouped by month, with the "as of" marker before the first scheduled event.
    /// `monthLevel` is the heading level of the month labels; event titles are one below.
    func timeline(_ slugs: [String], monthLevel: Int = 3) -> [MonthGroup] {
        var groups: [(label: String, rows: [Card<EventRow>])] = []
        var marked = false
        for slug in slugs {
            guard let e = graph.events[slug] else { continue }
            let scheduled = graph.isScheduled(e)
            let mark = scheduled && !marked
            if scheduled { marked = true }
            guard let row = eventRow(slug, markAsOf: mark, titleLevel: monthLevel + 1) else { continue }
            let label = e.date.monthText
            if groups.last?.label == label {
                groups[groups.count - 1].rows.append(row)
            } else {
                groups.append((label, [row]))
            }
        }
        return groups.map { MonthGroup(label: $0.label, id: HeadingID.make(from: $0.label), events: $0.rows, level: monthLevel) }
    }

    /// At most `limit` characters, cut at a word with "…": one line of summary for a timeline
    /// row. A cut never falls inside a quotation: the line ends before the quotation opens, or,
    /// when the text opens with it, keeps the whole text (an event's `summary:` gives a short
    /// line of its own).
    static func line(_ text: String, limit: Int = 160) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        if let open = openQuotation(in: cut) {
            cut = String(cut[..<open])
            guard cut.contains(where: { $0.isLetter }) else { return text }
            while let last = cut.last, last == " " || "“\"‘'(«".contains(last) { cut.removeLast() }
        }
        while let last = cut.last, ",;:—–-".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    /// Where the quotation still open at the end of `text` opens (“ without its ”, or an odd
    /// straight quotation mark), if one is.
    static func openQuotation(in text: String) -> String.Index? {
        // Over scalars, not characters: every mark is one scalar, and this runs for every row.
        let scalars = text.unicodeScalars
        var open: String.Index?
        var straight: String.Index?
        for i in scalars.indices {
            switch scalars[i] {
            case "“", "«": if open == nil { open = i }
            case "”", "»": open = nil
            case "‘": if open == nil { open = i }
            case "’":
                // A closing single mark, not an apostrophe: no letter follows it.
                let next = scalars.index(after: i)
                if next == scalars.endIndex || !scalars[next].properties.isAlphabetic {
                    if let o = open, scalars[o] == "‘" { open = nil }
                }
            case "\"": straight = straight == nil ? i : nil
            default: break
            }
        }
        return [open, straight].compactMap { $0 }.min()
    }

    // MARK: Sources and quotes

    /// What a source document is, as source lists, cards and its page show it.
    func sourceSummary(_ d: SourceDocument) -> SourceSummary {
        SourceSummary(
            title: d.title, url: url(.source, d.slug), kindLabel: d.kind.label, publisher: d.publisher, author: d.author,
            date: d.date.map { date($0) }, externalURL: d.url)
    }

    /// An organization as a link, for "as reported by".
    func outlet(_ reference: ContentReference?) -> OutletLink? {
        guard let reference, let o = graph.organizations[reference.slug] else { return nil }
        return OutletLink(name: o.name, url: url(.organization, o.slug))
    }

    /// A page's source list: the documents its body cites inline first, numbered as the
    /// body's citations are (`#cite-N`, with links back to each use), then the other documents
    /// its front matter cites. Each says which outlets' reporting it is cited for.
    func sourceList(_ citations: [Citation], cited: [CitedSource]) -> [SourceEntry] {
        var order = cited.map(\.slug)
        var listed = Set(order)
        for c in citations where listed.insert(c.document.slug).inserted { order.append(c.document.slug) }
        let uses = Dictionary(cited.map { ($0.slug, $0.uses) }, uniquingKeysWith: { a, _ in a })
        return order.enumerated().compactMap { index, slug in
            guard let document = graph.documents(SourceDocument.self)[slug] else { return nil }
            let number = index + 1
            let count = uses[slug] ?? 0
            let backlinks = (0..<count).map { use -> SourceEntry.Backlink in
                // a … z, then aa, ab …: a label for every use.
                var letter = ""
                var n = use
                repeat {
                    letter = String(UnicodeScalar(UInt8(97 + n % 26))) + letter
                    n = n / 26 - 1
                } while n >= 0
                return SourceEntry.Backlink(url: "#cite-ref-\(number)-\(use + 1)", label: count == 1 ? "↑" : letter)
            }
            let details = citations.filter { $0.document.slug == slug && ($0.reportedBy != nil || $0.note != nil) }
                .map { SourceEntry.Detail(outlet: outlet($0.reportedBy), note: $0.note) }
            return SourceEntry(summary: sourceSummary(document), number: number, backlinks: backlinks, details: details)
        }
    }

    /// A page's corrections and updates, in file order, each with its anchor after `update-`
    /// (`2025-09-01-correction`: see `Update.anchors`).
    func updates(_ updates: [Update]) -> [UpdateEntry] {
        zip(Update.anchors(updates), updates).map { anchor, u in
            UpdateEntry(anchor: String(anchor.dropFirst("update-".count)), date: date(u.date), kindLabel: u.kind.label, note: u.note)
        }
    }

    /// A person's quotes, each with the document (and outlet) it is taken from.
    func quotes(_ quotes: [Quote]) -> [QuoteEntry] {
        quotes.map { q in
            QuoteEntry(
                text: q.text, date: q.date.map { date($0) }, context: q.context,
                documentTitle: graph.documents(SourceDocument.self)[q.source.slug]?.title ?? "",
                documentURL: url(.source, q.source.slug), reportedBy: outlet(q.reportedBy))
        }
    }
}
