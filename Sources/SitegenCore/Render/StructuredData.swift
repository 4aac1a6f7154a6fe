/// JSON-LD for every page, made from the content model (never written in templates): briefs
/// as `NewsArticle` or the subtype their kind fits, profiles as `ProfilePage` around a
/// `Person` or `Organization`, events as `Event`, source documents as `Report` or
/// `CreativeWork`, lists as `CollectionPage`, the home page as `WebSite`, and a
/// `BreadcrumbList` wherever the page shows breadcrumbs.
///
/// URLs are absolute, so they are given only when `site.md` has a `base-url`. The text is safe
/// inside `<script>`: `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.
struct StructuredData {
    let graph: SiteGraph

    var site: Site { graph.site }

    /// The absolute URL of a path below the site root, when the site has a base URL.
    func url(_ path: String) -> String? { site.baseURL.map { $0 + path } }

    /// The JSON-LD of one page as text for a `<script type="application/ld+json">`, or nil (the
    /// 404 page, feeds).
    func json(for job: PageRenderer.Job) -> String? {
        guard let items = items(for: job), !items.isEmpty else { return nil }
        let root: [String: Any] = ["@context": "https://schema.org", "@graph": items]
        return Self.encode(root)
    }

    func items(for job: PageRenderer.Job) -> [[String: Any]]? {
        switch job {
        case .home:
            var website: [String: Any] = [
                "@type": "WebSite", "name": site.title, "description": site.description, "inLanguage": site.language,
            ]
            website["url"] = url("")
            website["publisher"] = publisher
            return [website]
        case .list(let kind, let number):
            let name = kind.entry.list ?? kind.folder
            let heading = PageRenderer.listHeading(kind)
            let title = heading?.title ?? name
            let archive = graph.archive
            if kind == .event && archive.isTimelineSplit {
                return collection(
                    path: name + "/", name: title, description: heading?.intro, crumbs: [(title, name + "/")],
                    items: archive.months.map { ($0.label, $0.path) }, total: archive.months.count)
            }
            let slugs = graph.order[kind] ?? []
            let shown = kind == .event ? slugs[...] : archive.page(slugs, number)
            let path = Archive.path(name + "/", page: number)
            var crumbs = [(title, name + "/")]
            let pageTitle = PageRenderer.title(title, page: number, of: archive.pageCount(slugs.count))
            if number > 1 { crumbs.append((pageTitle, path)) }
            return collection(
                path: path, name: pageTitle, description: heading?.intro, crumbs: crumbs,
                items: documents(kind, shown), total: slugs.count)
        case .month(let date, let number):
            let archive = graph.archive
            guard let index = archive.monthIndex[date] else { return nil }
            let month = archive.months[index]
            let path = Archive.path(month.path, page: number)
            let title = PageRenderer.title(
                "Timeline: " + month.label, page: number, of: archive.pageCount(month.events.count))
            return collection(
                path: path, name: title, description: nil, crumbs: [("Timeline", "timeline/"), (title, path)],
                items: documents(.event, archive.page(month.events, number)), total: month.events.count)
        case .listing(let id, let listing, let number):
            guard let document = graph.document(id) else { return nil }
            let total = listing.count(for: id, in: graph)
            let path = Archive.path(listing.path(of: id), page: number)
            let size = listing.pageSize(graph.archive)
            let title = PageRenderer.title(
                listing.heading(of: id.kind, name: document.label), page: number,
                of: graph.archive.pageCount(total, size: size))
            var crumbs: [(String, String)] = []
            if let list = id.kind.entry.list, let heading = PageRenderer.listHeading(id.kind) {
                crumbs.append((heading.title, list + "/"))
            }
            crumbs += [(document.label, id.path), (title, path)]
            let kind: ContentKind =
                switch listing {
                case .briefs: .brief
                case .timeline: .event
                case .members, .people: .person
                case .organizations: .organization
                case .quotes: .source
                }
            let slugs = listing.slugs(for: id, in: graph) ?? []
            return collection(
                path: path, name: title, description: nil, crumbs: crumbs,
                items: documents(kind, graph.archive.page(slugs, number, size: size)), total: total)
        case .corrections:
            return [
                webPage(
                    "CollectionPage", path: "corrections/", name: "Corrections and updates",
                    description: "Every correction, update and clarification made to this site."),
                breadcrumbs([("Corrections and updates", "corrections/")]),
            ]
        case .document(let id):
            guard let document = graph.document(id) else { return nil }
            var crumbs: [(String, String)] = []
            if let list = id.kind.entry.list, let heading = PageRenderer.listHeading(id.kind) {
                crumbs.append((heading.title, list + "/"))
            }
            crumbs.append((document.label, id.path))
            return [item(for: document), breadcrumbs(crumbs)]
        case .search:
            return [
                webPage("SearchResultsPage", path: "search/", name: "Search", description: nil),
                breadcrumbs([("Search", "search/")]),
            ]
        case .notFound, .feed, .sitemap, .robots, .timelineJSON, .calendar:
            return nil
        }
    }

    /// A list page: a `CollectionPage` whose `ItemList` holds the page's items (at most a
    /// page of them; `numberOfItems` says how many the whole list has), and its breadcrumbs.
    private func collection(
        path: String, name: String, description: String?, crumbs: [(String, String)], items: [(String, String)],
        total: Int
    ) -> [[String: Any]] {
        var page = webPage("CollectionPage", path: path, name: name, description: description)
        let members = items.prefix(100).map { label, itemPath -> [String: Any] in
            var item: [String: Any] = ["@type": "ListItem", "name": label]
            item["url"] = url(itemPath)
            return item
        }
        page["mainEntity"] = ["@type": "ItemList", "numberOfItems": total, "itemListElement": numbered(members)]
        return [page, breadcrumbs(crumbs)]
    }

    /// Each document's label and path, for a list's items.
    private func documents(_ kind: ContentKind, _ slugs: ArraySlice<String>) -> [(String, String)] {
        slugs.prefix(100).compactMap { slug in
            graph.document(DocumentID(kind, slug)).map { ($0.label, $0.id.path) }
        }
    }

    // MARK: Documents

    private func item(for document: any Document) -> [String: Any] {
        switch document {
        case let b as Brief:
            let type =
                switch b.kind {
                case .analysis: "AnalysisNewsArticle"
                case .backgrounder: "BackgroundNewsArticle"
                case .news: "ReportageNewsArticle"
                case .explainer: "NewsArticle"
                }
            var article: [String: Any] = [
                "@type": type, "headline": String(b.title.prefix(110)), "description": b.summary,
                "datePublished": b.date.iso, "dateModified": (b.lastUpdated ?? b.date).iso,
                "inLanguage": site.language, "publisher": publisher,
                "author": site.editors.isEmpty ? publisher : site.editors.map { ["@type": "Person", "name": $0] },
            ]
            article["url"] = url(b.id.path)
            article["mainEntityOfPage"] = url(b.id.path)
            article["wordCount"] = graph.body(.brief, b.slug)?.wordCount
            article["image"] = b.image ?? site.image
            let about = (b.people + b.organizations).compactMap(thing)
            if !about.isEmpty { article["about"] = about }
            let mentions = (b.events + b.topics).compactMap(thing)
            if !mentions.isEmpty { article["mentions"] = mentions }
            let citations = citations(of: b)
            if !citations.isEmpty { article["citation"] = citations }
            return article
        case let p as Person:
            var person: [String: Any] = ["@type": "Person", "name": p.name, "jobTitle": p.role, "description": p.summary]
            if !p.aliases.isEmpty { person["alternateName"] = p.aliases }
            let affiliations = p.affiliations.compactMap(thing)
            if !affiliations.isEmpty { person["affiliation"] = affiliations }
            person["url"] = url(p.id.path)
            var page = webPage("ProfilePage", path: p.id.path, name: p.name, description: p.summary)
            page["mainEntity"] = person
            return page
        case let o as Organization:
            var organization: [String: Any] = ["@type": "Organization", "name": o.name, "description": o.summary]
            if let short = o.shortName { organization["alternateName"] = short }
            organization["url"] = url(o.id.path)
            var page = webPage("ProfilePage", path: o.id.path, name: o.name, description: o.summary)
            page["mainEntity"] = organization
            return page
        case let e as Event:
            var event: [String: Any] = [
                "@type": "Event", "name": e.title, "startDate": e.date.iso,
                "description": graph.body(.event, e.slug)?.leadText ?? e.title,
            ]
            event["endDate"] = e.end?.iso
            if graph.isScheduled(e) { event["eventStatus"] = "https://schema.org/EventScheduled" }
            if let location = e.location { event["location"] = ["@type": "Place", "name": location] }
            // The people and organizations an event names are what it is about, not its
            // performers or organizers: the content model does not say who did what.
            let about = (e.people + e.organizations).compactMap(thing)
            if !about.isEmpty { event["about"] = about }
            event["url"] = url(e.id.path)
            let citations = citations(of: e)
            if !citations.isEmpty { event["subjectOf"] = citations }
            return event
        case let s as SourceDocument:
            var work = sourceWork(s)
            work["url"] = url(s.id.path)
            return work
        case let t as Topic:
            return webPage("CollectionPage", path: t.id.path, name: t.title, description: t.summary)
        default:
            return webPage("WebPage", path: document.id.path, name: document.label, description: nil)
        }
    }

    private var publisher: [String: Any] {
        var organization: [String: Any] = ["@type": "Organization", "name": site.title]
        organization["url"] = url("")
        return organization
    }

    private func webPage(_ type: String, path: String, name: String, description: String?) -> [String: Any] {
        var page: [String: Any] = ["@type": type, "name": name, "inLanguage": site.language]
        page["description"] = description
        page["url"] = url(path)
        return page
    }

    /// A person, organization, event or topic named by a page, as a reference.
    private func thing(_ reference: ContentReference) -> [String: Any]? {
        guard let d = graph.document(reference.target) else { return nil }
        let type =
            switch reference.kind {
            case .person: "Person"
            case .organization: "Organization"
            case .event: "Event"
            default: "Thing"
            }
        var thing: [String: Any] = ["@type": type, "name": d.label]
        thing["url"] = url(d.id.path)
        return thing
    }

    private func citations(of document: any Document) -> [[String: Any]] {
        var seen: Set<String> = []
        let slugs = document.citations.map(\.document.slug) + (graph.body(document.id.kind, document.slug)?.citedSources.map(\.slug) ?? [])
        return slugs.filter { seen.insert($0).inserted }.compactMap { slug in
            graph.documents(SourceDocument.self)[slug].map { s in
                var work = sourceWork(s)
                work["url"] = url(s.id.path)
                return work
            }
        }
    }

    private func sourceWork(_ s: SourceDocument) -> [String: Any] {
        var work: [String: Any] = ["@type": s.kind == .report ? "Report" : "CreativeWork", "name": s.title]
        if let publisher = s.publisher { work["publisher"] = ["@type": "Organization", "name": publisher] }
        if let author = s.author { work["author"] = ["@type": "Person", "name": author] }
        work["datePublished"] = s.date?.iso
        work["sameAs"] = s.url
        return work
    }

    private func breadcrumbs(_ crumbs: [(String, String)]) -> [String: Any] {
        let items = ([(site.title, "")] + crumbs).map { name, path -> [String: Any] in
            var item: [String: Any] = ["@type": "ListItem", "name": name]
            item["item"] = url(path)
            return item
        }
        return ["@type": "BreadcrumbList", "itemListElement": numbered(items)]
    }

    private func numbered(_ items: [[String: Any]]) -> [[String: Any]] {
        items.enumerated().map { i, item in
            var numbered = item
            numbered["position"] = i + 1
            return numbered
        }
    }

    // MARK: JSON

    /// Compact JSON with sorted keys (the same bytes every build), safe inside `<script>`.
    static func encode(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: Any, to out: inout [UInt8]) {
        switch value {
        case let s as String: string(s, to: &out)
        case let n as Int: out += String(n).utf8
        case let b as Bool: out += (b ? "true" : "false").utf8
        case let list as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, item) in list.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default: out += "null".utf8
        }
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10 }

    /// A JSON string, byte by byte over UTF-8: `"`, `\\`, controls, `<`, `>`, `&`, U+2028 and
    /// U+2029 escaped, every other byte copied.
    private static func string(_ s: String, to out: inout [UInt8]) {
        var text = s
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var i = 0
            var run = 0  // where the bytes copied as they are start
            while i < bytes.count {
                let byte = bytes[i]
                let escaped: StaticString
                switch byte {
                case UInt8(ascii: "\""): escaped = #"\""#
                case UInt8(ascii: "\\"): escaped = #"\\"#
                case UInt8(ascii: "\n"): escaped = #"\n"#
                case UInt8(ascii: "\r"): escaped = #"\r"#
                case UInt8(ascii: "\t"): escaped = #"\t"#
                case UInt8(ascii: "<"): escaped = #"\u003c"#
                case UInt8(ascii: ">"): escaped = #"\u003e"#
                case UInt8(ascii: "&"): escaped = #"\u0026"#
                case 0..<0x20: escaped = #"\u00"#
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    // U+2028 and U+2029, line breaks to JavaScript.
                    escaped = bytes[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: escaped.utf8Start, count: escaped.utf8CodeUnitCount))
                if byte < 0x20 {
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
                i += byte == 0xE2 ? 3 : 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
