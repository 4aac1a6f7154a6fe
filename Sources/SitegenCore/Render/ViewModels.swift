/// Plain view models for the templates: dates already formatted, URLs already relative to the
/// page. Every key a template reads is always present (`false` or `""` when empty), because a
/// Mustache lookup that misses a key would otherwise find a same-named key of an outer object.
struct ViewModels {
    let graph: SiteGraph
    /// From the page being rendered back to the site root, e.g. `../../`.
    let root: String
    /// Where cards and event rows are rendered once and reused.
    let fragments: FragmentCache

    func url(_ kind: ContentKind, _ slug: String) -> String { root + ContentURL.path(kind, slug) }

    // MARK: Dates

    /// `{start: {iso, text}, end: {iso, text} | false}`: "September 2–4, 2025" as two `<time>`s.
    /// A date on a page, a card, an event row, the header or the footer: rendered once per date
    /// as the cached partial `partials/cached/date` shows it, which is what the partial's
    /// stand-in inserts, and its fields for a template that reads them (`DateValue`).
    func date(_ start: PartialDate, end: PartialDate? = nil) -> Any {
        let key = end.map { start.iso + "/" + $0.iso } ?? start.iso
        let item = fragments.item(
            .init(partial: .date, item: key, root: ""), typed: \.date, model: { DateModel.Texts(start, end: end) },
            build: { Self.dateFields(start, end: end) })
        if let html = item as? Fragment { return DateValue(html: html, start: start, end: end) }
        return item ?? false
    }

    static func dateFields(_ start: PartialDate, end: PartialDate? = nil) -> Fields {
        let date = DateModel.Texts(start, end: end)
        return [
            "start": ["iso": date.start.iso, "text": date.start.text] as Fields,
            "end": date.end.map { ["iso": $0.iso, "text": $0.text] as Fields } ?? false, "text": date.text,
        ]
    }

    // MARK: Cards

    /// The heading level cards take: 3 under a section's h2, 2 on list pages under the h1.
    func briefCard(_ slug: String, level: Int = 3) -> Any? {
        fragments.item(
            .init(partial: .brief, item: slug, root: root, variant: level), typed: \.brief,
            model: {
                guard let b = graph.briefs[slug], let date = dateModel(b.date) else { return nil }
                return BriefCard(
                    title: b.title, url: url(.brief, slug), summary: b.summary, kindLabel: b.kind.label, date: date,
                    readingMinutes: graph.body(.brief, slug)?.readingMinutes ?? 1, cardLevel: level, isDraft: b.isDraft)
            }
        ) {
            guard let b = graph.briefs[slug] else { return nil }
            return [
                "title": b.title, "url": url(.brief, slug), "summary": b.summary, "kindLabel": b.kind.label,
                "date": date(b.date), "readingMinutes": graph.body(.brief, slug)?.readingMinutes ?? 1,
                "cardLevel": level, "isDraft": b.isDraft,
            ]
        }
    }

    func personCard(_ slug: String, level: Int = 3) -> Any? {
        fragments.item(
            .init(partial: .person, item: slug, root: root, variant: level), typed: \.person,
            model: {
                graph.people[slug].map { PersonCard(name: $0.name, url: url(.person, slug), role: $0.role, summary: $0.summary, cardLevel: level) }
            }
        ) {
            guard let p = graph.people[slug] else { return nil }
            return [
                "name": p.name, "url": url(.person, slug), "role": p.role, "summary": p.summary, "cardLevel": level,
            ]
        }
    }

    func organizationCard(_ slug: String, level: Int = 3) -> Any? {
        fragments.item(
            .init(partial: .organization, item: slug, root: root, variant: level), typed: \.organization,
            model: {
                graph.organizations[slug].map {
                    OrganizationCard(
                        name: $0.name, url: url(.organization, slug), shortName: $0.shortName, kindLabel: $0.kind.label,
                        summary: $0.summary, cardLevel: level)
                }
            }
        ) {
            guard let o = graph.organizations[slug] else { return nil }
            return [
                "name": o.name, "url": url(.organization, slug), "shortName": o.shortName ?? "",
                "hasShortName": o.shortName != nil, "kindLabel": o.kind.label, "summary": o.summary, "cardLevel": level,
            ]
        }
    }

    func topicCard(_ slug: String, level: Int = 3) -> Any? {
        fragments.item(
            .init(partial: .topic, item: slug, root: root, variant: level), typed: \.topic,
            model: { graph.topics[slug].map { TopicCard(title: $0.title, url: url(.topic, slug), summary: $0.summary, cardLevel: level) } }
        ) {
            graph.topics[slug].map { t in
                ["title": t.title, "url": url(.topic, slug), "summary": t.summary, "cardLevel": level]
            }
        }
    }

    func sourceCard(_ slug: String, level: Int = 3) -> Any? {
        graph.documents(SourceDocument.self)[slug].map { d in
            var fields = sourceSummary(d)
            fields["cardLevel"] = level
            return fields
        }
    }

    func chip(_ reference: ContentReference) -> Fields? {
        switch reference.kind {
        case .person: graph.people[reference.slug].map { ["label": $0.name, "url": url(.person, $0.slug)] }
        case .organization:
            graph.organizations[reference.slug].map {
                ["label": $0.shortName ?? $0.name, "url": url(.organization, $0.slug)]
            }
        case .topic: graph.topics[reference.slug].map { ["label": $0.title, "url": url(.topic, $0.slug)] }
        case .event: graph.events[reference.slug].map { ["label": $0.title, "url": url(.event, $0.slug)] }
        default: nil
        }
    }

    /// An event as a timeline row. `markAsOf` puts the "as of" line before it.
    func eventRow(_ slug: String, markAsOf: Bool = false, titleLevel: Int = 3) -> Any? {
        fragments.item(
            .init(partial: .event, item: slug, root: root, variant: titleLevel * 2 + (markAsOf ? 1 : 0)), typed: \.event,
            model: {
                guard let e = graph.events[slug], let date = dateModel(e.date, end: e.end) else { return nil }
                return EventRow(
                    id: slug, title: e.title, url: url(.event, slug), date: date,
                    summary: e.summary ?? Self.line(graph.body(.event, slug)?.leadText ?? ""), isScheduled: graph.isScheduled(e),
                    people: e.people.compactMap(chipModel), location: e.location, asOfMarker: markAsOf,
                    asOfText: graph.site.asOf.displayText, titleLevel: titleLevel)
            }
        ) {
            guard let e = graph.events[slug] else { return nil }
            let summary = e.summary ?? Self.line(graph.body(.event, slug)?.leadText ?? "")
            return [
                "id": slug, "title": e.title, "url": url(.event, slug), "date": date(e.date, end: e.end),
                "summary": summary, "hasSummary": !summary.isEmpty, "isScheduled": graph.isScheduled(e),
                "people": e.people.compactMap(chip), "hasPeople": !e.people.isEmpty,
                "location": e.location ?? "", "hasLocation": e.location != nil, "asOfMarker": markAsOf,
                "asOfText": graph.site.asOf.displayText, "titleLevel": titleLevel,
            ]
        }
    }

    /// Events grouped by month, with the "as of" marker before the first scheduled event.
    /// `monthLevel` is the heading level of the month labels; event titles are one below.
    func timeline(_ slugs: [String], monthLevel: Int = 3) -> [Fields] {
        timelineGroups(slugs, monthLevel: monthLevel).map {
            ["label": $0.label, "id": HeadingID.make(from: $0.label), "events": $0.rows, "level": monthLevel]
        }
    }

    /// `timeline` typed; nil when a row is not a cached fragment.
    func timelineMonths(_ slugs: [String], monthLevel: Int = 3) -> [MonthGroup]? {
        var months: [MonthGroup] = []
        for group in timelineGroups(slugs, monthLevel: monthLevel) {
            guard let rows: [Rendered<EventRow>] = Self.fragments(group.rows) else { return nil }
            months.append(MonthGroup(label: group.label, id: HeadingID.make(from: group.label), events: rows, level: monthLevel))
        }
        return months
    }

    private func timelineGroups(_ slugs: [String], monthLevel: Int) -> [(label: String, rows: [Any])] {
        var groups: [(label: String, rows: [Any])] = []
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
        return groups
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

    /// What a source document is, as source lists, cards and its page show it: every value
    /// the document does not give is a flag the templates say "not given" for.
    func sourceSummary(_ d: SourceDocument) -> Fields {
        [
            "title": d.title, "url": url(.source, d.slug), "kindLabel": d.kind.label,
            "kindNoun": d.kind.label.lowercased(), "publisher": d.publisher ?? "", "hasPublisher": d.publisher != nil,
            "author": d.author ?? "", "hasAuthor": d.author != nil, "date": d.date.map { date($0) } ?? false,
            "hasDate": d.date != nil, "externalURL": d.url ?? "", "hasExternalURL": d.url != nil,
        ]
    }

    /// An organization as a link, for "as reported by".
    func outlet(_ reference: ContentReference?) -> Fields? {
        guard let reference, let o = graph.organizations[reference.slug] else { return nil }
        return ["name": o.name, "url": url(.organization, o.slug)]
    }

    /// A document of a page's source list, in order: its number, the links back to each use
    /// in the body, and the citations that say which outlet's reporting it is cited for.
    struct ListedSource {
        let document: SourceDocument
        let number: Int
        let backlinks: [(url: String, label: String)]
        let details: [Citation]
    }

    /// A page's source list: the documents its body cites inline first, numbered as the
    /// body's citations are (`#cite-N`, with links back to each use), then the other documents
    /// its front matter cites. Each says which outlets' reporting it is cited for.
    func sourceOrder(_ citations: [Citation], cited: [CitedSource]) -> [ListedSource] {
        var order = cited.map(\.slug)
        var listed = Set(order)
        for c in citations where listed.insert(c.document.slug).inserted { order.append(c.document.slug) }
        let uses = Dictionary(cited.map { ($0.slug, $0.uses) }, uniquingKeysWith: { a, _ in a })
        return order.enumerated().compactMap { index, slug in
            guard let document = graph.documents(SourceDocument.self)[slug] else { return nil }
            let number = index + 1
            let count = uses[slug] ?? 0
            let backlinks = (0..<count).map { use -> (url: String, label: String) in
                // a … z, then aa, ab …: a label for every use.
                var letter = ""
                var n = use
                repeat {
                    letter = String(UnicodeScalar(UInt8(97 + n % 26))) + letter
                    n = n / 26 - 1
                } while n >= 0
                return ("#cite-ref-\(number)-\(use + 1)", count == 1 ? "↑" : letter)
            }
            let details = citations.filter { $0.document.slug == slug && ($0.reportedBy != nil || $0.note != nil) }
            return ListedSource(document: document, number: number, backlinks: backlinks, details: details)
        }
    }

    /// `sourceOrder` as view models.
    func sourceList(_ citations: [Citation], cited: [CitedSource]) -> [Fields] {
        sourceOrder(citations, cited: cited).map { listed in
            let details: [Fields] = listed.details.map { c in
                ["outlet": outlet(c.reportedBy) ?? false, "note": c.note ?? "", "hasNote": c.note != nil]
            }
            var fields = sourceSummary(listed.document)
            fields.merge(
                [
                    "number": listed.number,
                    "backlinks": listed.backlinks.map { ["url": $0.url, "label": $0.label] as Fields },
                    "hasBacklinks": !listed.backlinks.isEmpty, "details": details, "hasDetails": !details.isEmpty,
                ], uniquingKeysWith: { _, new in new })
            return fields
        }
    }

    /// A page's corrections and updates, in file order, each with its anchor after `update-`
    /// (`2025-09-01-correction`: see `Update.anchors`).
    func updates(_ updates: [Update]) -> [Fields] {
        zip(Update.anchors(updates), updates).map { anchor, u in
            [
                "anchor": String(anchor.dropFirst("update-".count)), "date": date(u.date), "kindLabel": u.kind.label,
                "note": u.note,
            ]
        }
    }

    func quotes(_ quotes: [Quote]) -> [Fields] {
        quotes.map { q in
            let document = graph.documents(SourceDocument.self)[q.source.slug]
            let by = outlet(q.reportedBy)
            return [
                "text": q.text, "date": q.date.map { date($0) } ?? false, "context": q.context ?? "",
                "hasContext": q.context != nil, "documentTitle": document?.title ?? "",
                "documentURL": url(.source, q.source.slug), "reportedBy": by ?? false,
            ]
        }
    }
}
