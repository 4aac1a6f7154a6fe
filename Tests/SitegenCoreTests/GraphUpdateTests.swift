import Testing

@testable import SitegenCore

/// `GraphBuilder`'s update after an edit (`serve`) against a full build of the same files:
/// every list the graph works out and every diagnostic, after each step of seeded random
/// edits of titles, dates, names, references and `after:` of briefs, events and people.
@Suite("The graph updated after an edit")
struct GraphUpdateTests {
    /// The files, parsed and their bodies rendered, as the build stages make them.
    static func content(_ files: [String: String]) -> (ContentSet, [DocumentID: RenderedMarkdown]) {
        let site = SourceFile(
            path: "Content/site.md",
            text: "---\ntitle: T\ndescription: D\nlanguage: en\nas-of: 2025-08-30\npage-size: 3\ntimeline-split: 4\n---\n")
        let loaded = LoadedContent(
            site: site,
            files: files.keys.sorted().map { key in
                let (folder, slug) = (String(key.split(separator: "/")[0]), String(key.split(separator: "/")[1]))
                return ContentFile(
                    kind: ContentKind(folder: folder)!, slug: slug, source: SourceFile(path: "Content/\(key).md", text: files[key]!))
            }, diagnostics: [])
        let (content, _) = parseContent(loaded, includeDrafts: false)
        let (bodies, _) = SiteBuilder(options: BuildOptions()).renderBodies(content)
        return (content, bodies)
    }

    /// Everything of two graphs the pages read, as text, and their diagnostics.
    static func summary(_ graph: SiteGraph?, _ diagnostics: [Diagnostic]) -> [String] {
        guard let graph else { return ["no graph"] + diagnostics.map { "\($0)" } }
        var lines = diagnostics.map { "\($0)" }
        for kind in ContentKind.documentKinds {
            lines.append("order \(kind): \(graph.order[kind] ?? [])")
            lines.append("documents \(kind): \((graph.documents[kind] ?? [:]).mapValues(\.label).sorted { $0.key < $1.key })")
        }
        lines.append("timeline rank: \(graph.timelineRank.sorted { $0.key < $1.key })")
        for (id, byKind) in graph.naming.sorted(by: { $0.key < $1.key }) {
            lines.append("naming \(id): \(byKind.sorted { $0.key.rawValue < $1.key.rawValue })")
        }
        lines.append("related: \(graph.related.sorted { $0.key < $1.key })")
        lines.append("members: \(graph.members.sorted { $0.key < $1.key })")
        lines.append("months: \(graph.pagination.months.map { "\($0.date): \($0.events)" })")
        return lines
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func anUpdateIsAFullBuild(seed: UInt64) {
        var files: [String: String] = [:]
        let people = ["ana", "bob", "cy", "dee"]
        let events = (0..<8).map { "e\($0)" }
        let briefs = (0..<14).map { "b\($0)" }
        func brief(title: String, date: String, people: [String], events: [String], mention: String?) -> String {
            "---\ntitle: \(title)\nsummary: S\ndate: \(date)\nkind: news\npeople: [\(people.joined(separator: ", "))]\n"
                + "events: [\(events.joined(separator: ", "))]\n---\nText\(mention.map { " naming [x](@people/\($0))" } ?? "").\n"
        }
        func event(title: String, date: String, after: [String]) -> String {
            "---\ntitle: \(title)\ndate: \(date)\n\(after.isEmpty ? "" : "after: [\(after.joined(separator: ", "))]\n")---\n"
        }
        var rng = SeededGenerator(state: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func some(_ items: [String]) -> [String] { items.filter { _ in rng.next() % 3 == 0 } }
        func day() -> String { "2025-08-\(10 + Int(rng.next() % 4))" }
        for p in people { files["people/\(p)"] = "---\nname: \(p.capitalized) Example\nrole: R\nsummary: S\n---\n" }
        for e in events { files["events/\(e)"] = event(title: "Event \(e)", date: day(), after: []) }
        for b in briefs {
            files["briefs/\(b)"] = brief(title: "Brief \(b)", date: day(), people: some(people), events: some(events), mention: nil)
        }
        var (content, bodies) = Self.content(files)
        var (_, _, memo) = GraphBuilder().build(content, bodies: bodies, after: nil)
        var updates = 0
        for step in 0..<80 {
            var changed: Set<DocumentID> = []
            for _ in 0..<(1 + Int(rng.next() % 2)) {
                switch rng.next() % 6 {
                case 0, 1:
                    let b = pick(briefs)
                    let title = pick(["Brief \(b)", "A brief \(step)", "Z brief \(step)", "M \(step)"])
                    files["briefs/\(b)"] = brief(
                        title: title, date: rng.next() % 3 == 0 ? day() : "2025-08-11", people: some(people),
                        events: some(events), mention: rng.next() % 2 == 0 ? pick(people + ["nobody"]) : nil)
                    changed.insert(DocumentID(.brief, b))
                case 2:
                    let e = pick(events)
                    files["events/\(e)"] = event(
                        title: pick(["Event \(e)", "Later \(step)"]), date: rng.next() % 2 == 0 ? day() : "2025-08",
                        after: rng.next() % 3 == 0 ? [pick(events.filter { $0 != e })] : [])
                    changed.insert(DocumentID(.event, e))
                case 3:
                    let p = pick(people)
                    files["people/\(p)"] = "---\nname: \(pick(["Zed", "Al", p.capitalized])) Example\nrole: R\nsummary: S\n---\n"
                    changed.insert(DocumentID(.person, p))
                default:
                    let b = pick(briefs)
                    let text = files["briefs/\(b)"]!
                    files["briefs/\(b)"] = text.replacingOccurrences(of: "Brief ", with: "Brief, \(step), ")
                    changed.insert(DocumentID(.brief, b))
                }
            }
            (content, bodies) = Self.content(files)
            let full = GraphBuilder().build(content, bodies: bodies, after: nil)
            guard let previous = memo else {
                memo = full.2
                continue
            }
            if previous.reusable(for: content, bodies: bodies, changed: changed) { updates += 1 }
            let updated = GraphBuilder().build(content, bodies: bodies, after: (previous, changed))
            let (expected, actual) = (Self.summary(full.0, full.1), Self.summary(updated.0, updated.1))
            let difference = actual == expected ? nil : zip(expected, actual).first { $0 != $1 }.map { "\($0)\n≠ \($1)" } ?? "lengths"
            #expect(difference == nil, "seed \(seed), step \(step)")
            if difference != nil { break }
            memo = updated.2
        }
        // Most steps were updates, not full builds (an event cycle or an unknown name is an
        // error the update still reports, in full).
        #expect(updates > 40)
    }
}
