/// JSON-LD for every page, made from the content model (never written in templates): briefs
/// as `NewsArticle` or the subtype their kind fits, profiles as `ProfilePage` around a
/// `Person` or `Organization`, events as `Event`, source documents as `Report` or
/// `CreativeWork`, lists as `CollectionPage`, the home page as `WebSite`, and a
/// `BreadcrumbList` wherever the page shows breadcrumbs.
///
/// URLs are absolute, so they are given only when `site.md` has a `base-url`. The text is safe
/// inside `<script>`: `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.
struct StructuredData {
    let graph: RecordedGraph
    /// What pages share, encoded once per renderer (the references to people, organizations,
    /// events and topics, the source documents, the publisher); nil to encode every time.
    var cache: Cache? = nil

    /// Encoded JSON that many pages hold, by what it describes. One per rendering thread.
    final class Cache {
        var things: [DocumentID: JSON] = [:]
        var sources: [String: JSON] = [:]
        var publisher: JSON?
        /// A document as an item of a list, written up to its position and from it on.
        var listItems: [DocumentID: ListItem] = [:]
    }

    /// A `ListItem` written but for its position: `{"@type":"ListItem","name":…` and
    /// `,"url":…}` (keys in order: `position` falls between).
    struct ListItem {
        let head: [UInt8]
        let tail: [UInt8]

        init(name: String, url: JSON?) {
            var head = Array(#"{"@type":"ListItem","name":"#.utf8)
            StructuredData.write(.string(name), to: &head)
            var tail: [UInt8] = []
            if let url {
                tail += #","url":"#.utf8
                StructuredData.write(url, to: &tail)
            }
            tail.append(UInt8(ascii: "}"))
            (self.head, self.tail) = (head, tail)
        }

        func numbered(_ position: Int) -> JSON {
            .raw(head + #","position":"#.utf8 + String(position).utf8 + tail)
        }
    }

    var site: Site {
        _read { yield graph.site }
    }

    /// The absolute URL of a path below the site root, when the site has a base URL.
    func url(_ path: String) -> JSON? { site.baseURL.map { .string($0 + path) } }

    /// The JSON-LD of one page as text for a `<script type="application/ld+json">`, or nil (the
    /// 404 page, feeds).
    func json(for job: PageRenderer.Job) -> String? {
        guard let items = items(for: job), !items.isEmpty else { return nil }
        let root: JSON.Object = ["@context": "https://schema.org", "@graph": .array(items.map(JSON.object))]
        return Self.encode(.object(root))
    }

    func items(for job: PageRenderer.Job) -> [JSON.Object]? {
        switch job {
        case .home:
            var website: JSON.Object = [
                "@type": "WebSite", "name": .string(site.title), "description": .string(site.description),
                "inLanguage": .string(site.language),
            ]
            website["url"] = url("")
            website["publisher"] = publisher
            return [website]
        case .kindList(let kind, let number):
            let name = kind.entry.list ?? kind.folder
            let heading = PageRenderer.listHeading(kind)
            let title = heading?.title ?? name
            let archive = graph.pagination
            if kind == .event && archive.isTimelineSplit {
                return collection(
                    path: name + "/", name: title, description: heading?.intro, crumbs: [(title, name + "/")],
                    items: archive.months.map { ListItem(name: $0.label, url: url($0.path)) }, total: archive.months.count)
            }
            let (shown, count) = kind == .event ? (graph.order(kind)[...], graph.order(kind).count) : graph.listPage(kind, number)
            let path = Pagination.path(name + "/", page: number)
            var crumbs = [(title, name + "/")]
            let pageTitle = PageRenderer.title(title, page: number, of: archive.pageCount(count))
            if number > 1 { crumbs.append((pageTitle, path)) }
            return collection(
                path: path, name: pageTitle, description: heading?.intro, crumbs: crumbs,
                items: documents(kind, shown), total: count)
        case .month(let date, let number):
            let archive = graph.pagination
            guard let index = archive.monthIndex[date] else { return nil }
            let month = archive.months[index]
            let path = Pagination.path(month.path, page: number)
            let title = PageRenderer.title(
                "Timeline: " + month.label, page: number, of: archive.pageCount(month.events.count))
            return collection(
                path: path, name: title, description: nil, crumbs: [("Timeline", "timeline/"), (title, path)],
                items: documents(.event, archive.page(month.events, number)), total: month.events.count)
        case .documentList(let id, let listing, let number):
            guard let document = graph.document(id) else { return nil }
            let shown = listing.page(number, for: id, in: graph)
            let total = shown?.count ?? listing.count(for: id, in: graph)
            let path = Pagination.path(listing.path(of: id), page: number)
            let size = listing.pageSize(graph.pagination)
            let title = PageRenderer.title(
                listing.heading(of: id.kind, name: document.label), page: number,
                of: graph.pagination.pageCount(total, size: size))
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
            return collection(
                path: path, name: title, description: nil, crumbs: crumbs,
                items: documents(kind, shown?.slugs ?? []), total: total)
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
        case .notFound, .feed, .sitemap, .sitemapPart, .robots, .timelineJSON, .calendar:
            return nil
        }
    }

    /// A list page: a `CollectionPage` whose `ItemList` holds the page's items (at most a
    /// page of them; `numberOfItems` says how many the whole list has), and its breadcrumbs.
    private func collection(
        path: String, name: String, description: String?, crumbs: [(String, String)], items: [ListItem], total: Int
    ) -> [JSON.Object] {
        var page = webPage("CollectionPage", path: path, name: name, description: description)
        let members = items.prefix(100).enumerated().map { i, item in item.numbered(i + 1) }
        page["mainEntity"] = [
            "@type": "ItemList", "numberOfItems": .int(total), "itemListElement": .array(members),
        ]
        return [page, breadcrumbs(crumbs)]
    }

    /// Each document as an item of a list (written once a thread: many lists hold it).
    private func documents(_ kind: ContentKind, _ slugs: ArraySlice<String>) -> [ListItem] {
        slugs.prefix(100).compactMap { slug in
            let id = DocumentID(kind, slug)
            if let cached = cache?.listItems[id] {
                graph.log.record(.document(id))
                return cached
            }
            guard let document = graph.document(id) else { return nil }
            let item = ListItem(name: document.label, url: url(document.id.path))
            cache?.listItems[id] = item
            return item
        }
    }

    // MARK: Documents

    private func item(for document: any Document) -> JSON.Object {
        switch document {
        case let b as Brief:
            let type: JSON =
                switch b.kind {
                case .analysis: "AnalysisNewsArticle"
                case .backgrounder: "BackgroundNewsArticle"
                case .news: "ReportageNewsArticle"
                case .explainer: "NewsArticle"
                }
            var article: JSON.Object = [
                "@type": type, "headline": .string(String(b.title.prefix(110))), "description": .string(b.summary),
                "datePublished": .string(b.date.iso), "dateModified": .string((b.lastUpdated ?? b.date).iso),
                "inLanguage": .string(site.language), "publisher": publisher,
                "author": site.editors.isEmpty
                    ? publisher : .array(site.editors.map { .object(["@type": "Person", "name": .string($0)]) }),
            ]
            article["url"] = url(b.id.path)
            article["mainEntityOfPage"] = url(b.id.path)
            article["wordCount"] = graph.body(.brief, b.slug).map { .int($0.wordCount) }
            article["image"] = (b.image ?? site.image).map(JSON.string)
            let about = (b.people + b.organizations).compactMap(thing)
            if !about.isEmpty { article["about"] = .array(about) }
            let mentions = (b.events + b.topics).compactMap(thing)
            if !mentions.isEmpty { article["mentions"] = .array(mentions) }
            let citations = citations(of: b)
            if !citations.isEmpty { article["citation"] = .array(citations) }
            return article
        case let p as Person:
            var person: JSON.Object = [
                "@type": "Person", "name": .string(p.name), "jobTitle": .string(p.role), "description": .string(p.summary),
            ]
            if !p.aliases.isEmpty { person["alternateName"] = .array(p.aliases.map(JSON.string)) }
            let affiliations = p.affiliations.compactMap(thing)
            if !affiliations.isEmpty { person["affiliation"] = .array(affiliations) }
            person["url"] = url(p.id.path)
            var page = webPage("ProfilePage", path: p.id.path, name: p.name, description: p.summary)
            page["mainEntity"] = .object(person)
            return page
        case let o as Organization:
            var organization: JSON.Object = [
                "@type": "Organization", "name": .string(o.name), "description": .string(o.summary),
            ]
            if let short = o.shortName { organization["alternateName"] = .string(short) }
            organization["url"] = url(o.id.path)
            var page = webPage("ProfilePage", path: o.id.path, name: o.name, description: o.summary)
            page["mainEntity"] = .object(organization)
            return page
        case let e as Event:
            var event: JSON.Object = [
                "@type": "Event", "name": .string(e.title), "startDate": .string(e.date.iso),
                "description": .string(graph.body(.event, e.slug)?.leadText ?? e.title),
            ]
            event["endDate"] = e.end.map { .string($0.iso) }
            if graph.isScheduled(e) { event["eventStatus"] = "https://schema.org/EventScheduled" }
            if let location = e.location { event["location"] = ["@type": "Place", "name": .string(location)] }
            // The people and organizations an event names are what it is about, not its
            // performers or organizers: the content model does not say who did what.
            let about = (e.people + e.organizations).compactMap(thing)
            if !about.isEmpty { event["about"] = .array(about) }
            event["url"] = url(e.id.path)
            let citations = citations(of: e)
            if !citations.isEmpty { event["subjectOf"] = .array(citations) }
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

    private var publisher: JSON {
        if let cached = cache?.publisher { return cached }
        var organization: JSON.Object = ["@type": "Organization", "name": .string(site.title)]
        organization["url"] = url("")
        let made = Self.encoded(.object(organization))
        cache?.publisher = made
        return made
    }

    /// A value written once, to be copied into every page that holds it.
    static func encoded(_ value: JSON) -> JSON {
        var bytes: [UInt8] = []
        write(value, to: &bytes)
        return .raw(bytes)
    }

    private func webPage(_ type: String, path: String, name: String, description: String?) -> JSON.Object {
        var page: JSON.Object = ["@type": .string(type), "name": .string(name), "inLanguage": .string(site.language)]
        page["description"] = description.map(JSON.string)
        page["url"] = url(path)
        return page
    }

    /// A person, organization, event or topic named by a page, as a reference.
    private func thing(_ reference: ContentReference) -> JSON? {
        if let cached = cache?.things[reference.target] {
            graph.log.record(.document(reference.target))
            return cached
        }
        guard let d = graph.document(reference.target) else { return nil }
        let type: JSON =
            switch reference.kind {
            case .person: "Person"
            case .organization: "Organization"
            case .event: "Event"
            default: "Thing"
            }
        var thing: JSON.Object = ["@type": type, "name": .string(d.label)]
        thing["url"] = url(d.id.path)
        let made = Self.encoded(.object(thing))
        cache?.things[reference.target] = made
        return made
    }

    private func citations(of document: any Document) -> [JSON] {
        var seen: Set<String> = []
        let slugs = document.citations.map(\.document.slug) + (graph.body(document.id.kind, document.slug)?.citedSources.map(\.slug) ?? [])
        return slugs.filter { seen.insert($0).inserted }.compactMap { slug in
            if let cached = cache?.sources[slug] {
                graph.log.record(.document(DocumentID(.source, slug)))
                return cached
            }
            return graph.documents(SourceDocument.self)[slug].map { s in
                var work = sourceWork(s)
                work["url"] = url(s.id.path)
                let made = Self.encoded(.object(work))
                cache?.sources[slug] = made
                return made
            }
        }
    }

    private func sourceWork(_ s: SourceDocument) -> JSON.Object {
        var work: JSON.Object = ["@type": s.kind == .report ? "Report" : "CreativeWork", "name": .string(s.title)]
        if let publisher = s.publisher { work["publisher"] = ["@type": "Organization", "name": .string(publisher)] }
        if let author = s.author { work["author"] = ["@type": "Person", "name": .string(author)] }
        work["datePublished"] = s.date.map { .string($0.iso) }
        work["sameAs"] = s.url.map(JSON.string)
        return work
    }

    private func breadcrumbs(_ crumbs: [(String, String)]) -> JSON.Object {
        let items = ([(site.title, "")] + crumbs).map { name, path -> JSON.Object in
            var item: JSON.Object = ["@type": "ListItem", "name": .string(name)]
            item["item"] = url(path)
            return item
        }
        return ["@type": "BreadcrumbList", "itemListElement": .array(numbered(items))]
    }

    private func numbered(_ items: [JSON.Object]) -> [JSON] {
        items.enumerated().map { i, item in
            var numbered = item
            numbered["position"] = .int(i + 1)
            return .object(numbered)
        }
    }

    // MARK: JSON

    /// Compact JSON with sorted keys (the same bytes every build), safe inside `<script>`.
    static func encode(_ value: JSON) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: JSON, to out: inout [UInt8]) {
        switch value {
        case .string(let s): string(s, to: &out)
        case .raw(let bytes): out += bytes
        case .int(let n): out += String(n).utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .array(let list):
            out.append(UInt8(ascii: "["))
            for (i, item) in list.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The bytes `string` may escape (`"`, `\\`, controls, `<`, `>`, `&`, and the first byte of U+2028 and U+2029).
    private static let special: [Bool] = (0..<256).map { byte in
        byte < 0x20 || [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2].contains(UInt8(byte))
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10 }

    /// A JSON string, byte by byte over UTF-8: `"`, `\\`, controls, `<`, `>`, `&`, U+2028 and
    /// U+2029 escaped, every other byte copied.
    private static func string(_ s: String, to out: inout [UInt8]) {
        var text = s
        out.append(UInt8(ascii: "\""))
        let special = Self.special
        text.withUTF8 { bytes in
            var i = 0
            var run = 0  // where the bytes copied as they are start
            while i < bytes.count {
                let byte = bytes[i]
                // Most bytes are copied: one look in a table.
                guard special[Int(byte)] else {
                    i += 1
                    continue
                }
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
                // The other controls are `\u00` and two hex digits (`\n`, `\r` and `\t` are whole).
                if byte < 0x20 && escaped.utf8CodeUnitCount == 4 {
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

/// A JSON value, typed: structured data is built from these and written with
/// `StructuredData.write`, with no casts from `Any`, no hashing of keys and no sorting.
enum JSON: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSON])
    case object(Object)
    /// A value already written (`StructuredData.encoded`).
    case raw([UInt8])

    init(stringLiteral value: String) { self = .string(value) }
    init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Object(elements)) }

    /// An object's members, kept sorted by key as they are set, so every build writes the same
    /// bytes. Setting a key again replaces its value; setting it to nil removes it.
    struct Object: ExpressibleByDictionaryLiteral {
        private(set) var members: [(key: String, value: JSON)]

        init(_ elements: [(String, JSON)]) {
            members = []
            members.reserveCapacity(elements.count + 4)
            for (key, value) in elements { self[key] = value }
        }

        init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }

        subscript(key: String) -> JSON? {
            get { members.first { $0.key == key }?.value }
            set {
                // Objects have a dozen members at most: a linear search is the fastest.
                let index = members.firstIndex { !($0.key < key) } ?? members.endIndex
                let found = index < members.endIndex && members[index].key == key
                switch (found, newValue) {
                case (true, let value?): members[index].value = value
                case (true, nil): members.remove(at: index)
                case (false, let value?): members.insert((key, value), at: index)
                case (false, nil): break
                }
            }
        }
    }
}
