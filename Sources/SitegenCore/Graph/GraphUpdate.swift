/// The graph made again after an edit of a few documents (`sitegen serve`), from the last
/// build's memo: only what the edited documents reach is worked out again. The result is
/// what `GraphBuilder.build` makes of the same content, field for field and diagnostic for
/// diagnostic (the random-edit tests compare the pages, which read all of it).
extension GraphBuilder {
    /// What a build of the graph keeps for the next one.
    struct Memo: Sendable {
        /// The content the graph was built of.
        let content: ContentSet
        let graph: SiteGraph
        /// Each published document's reference problems.
        let problems: [DocumentID: [Diagnostic]]
        /// Each kind's slugs' places in its order.
        let rank: [ContentKind: [String: Int]]
        let timelineDiagnostics: [Diagnostic]
        /// What related briefs were worked out from.
        let relatedIndex: RelatedIndex

        /// The memo with the graph a body edit made of its graph: the same front matter, other
        /// bodies and quotes, and `documents` (with their files' new text) in place of the old.
        func with(_ graph: SiteGraph, replacing documents: [any Document]) -> Memo {
            var content = content
            for document in documents {
                if let index = content.documents[document.id.kind]?.firstIndex(where: { $0.slug == document.slug }) {
                    content.documents[document.id.kind]![index] = document
                }
            }
            return Memo(
                content: content, graph: graph, problems: problems, rank: rank, timelineDiagnostics: timelineDiagnostics,
                relatedIndex: relatedIndex)
        }

        /// Whether the new content differs from the memo's only in the `changed` documents, in
        /// ways the update works out: the same files (none added, removed, unparsed or turned
        /// into a draft), each with one document, and the changed documents' headings the same
        /// (other pages' `#fragment` references are checked against them). `site.md` must be
        /// the same: the caller passes no memo when it changed.
        func reusable(for content: ContentSet, bodies: [DocumentID: RenderedMarkdown], changed: Set<DocumentID>) -> Bool {
            content.site != nil && content.unpublished.isEmpty && !changed.contains(.site)
                && content.existing == self.content.existing && content.drafts == self.content.drafts
                && ContentKind.documentKinds.allSatisfy { content.documents[$0]?.count == self.content.documents[$0]?.count }
                && changed.allSatisfy { bodies[$0]?.headingIDs == graph.bodies[$0]?.headingIDs }
        }
    }

    func update(
        _ memo: Memo, _ content: ContentSet, bodies: [DocumentID: RenderedMarkdown], changed: Set<DocumentID>
    ) -> (SiteGraph, [Diagnostic], Memo) {
        let old = memo.graph
        let site = content.site!
        // The changed documents as they are now (a changed file may be a draft's: in neither).
        var edited: [DocumentID: any Document] = [:]
        for kind in Set(changed.map(\.kind)) {
            for d in content.documents[kind] ?? [] where changed.contains(d.id) { edited[d.id] = d }
        }
        // Every document from the content: one whose body alone changed since the memo's
        // graph was made (`serve`'s body edits keep the graph) is in it as it is now.
        let all = content.allDocuments
        var documents: [ContentKind: [String: any Document]] = [:]
        for d in all { documents[d.id.kind, default: [:]][d.slug] = d }
        func references(_ d: (any Document)?, _ body: RenderedMarkdown?) -> [ContentReference] {
            (d?.allReferences ?? []) + (body?.references ?? [])
        }

        // Reference problems: the changed documents' checked again, the others' kept (the same
        // files exist and the changed documents keep their headings).
        var problems = memo.problems
        for (id, d) in edited {
            problems[id] = references(d, bodies[id]).compactMap { Self.problem(with: $0, content: content, bodies: bodies) }
        }
        var diagnostics = all.flatMap { problems[$0.id] ?? [] }
        let siteReferences =
            (bodies[.site]?.references ?? []) + site.citations.flatMap { [$0.document] + ($0.reportedBy.map { [$0] } ?? []) }
        diagnostics += siteReferences.compactMap { Self.problem(with: $0, content: content, bodies: bodies) }
        diagnostics += SiteLinkCheck(content: content).problems(in: bodies)

        // Orders: a kind without a changed document keeps its own.
        var order = old.order
        var rank = memo.rank
        var timelineDiagnostics = memo.timelineDiagnostics
        let changedKinds = Set(changed.map(\.kind)).filter { ContentKind.documentKinds.contains($0) }
        for kind in changedKinds {
            switch kind {
            case .brief:
                order[kind] = Self.briefOrder(
                    old.order[kind] ?? [], moving: changed.filter { $0.kind == .brief }.map(\.slug),
                    briefs: Documents(bySlug: documents[.brief] ?? [:]))
            case .event:
                let events = Documents<Event>(bySlug: documents[.event] ?? [:])
                var timeline = TimelineOrder(events: Dictionary(uniqueKeysWithValues: events.values.map { ($0.slug, $0) }))
                order[kind] = timeline.sorted()
                timelineDiagnostics = timeline.diagnostics
            default:
                order[kind] = (documents[kind] ?? [:]).values.map { (label: $0.label, slug: $0.slug) }.sorted {
                    ($0.label, $0.slug) < ($1.label, $1.slug)
                }.map(\.slug)
            }
            if order[kind] != old.order[kind] { rank[kind] = Self.rank(order[kind] ?? []) }
        }
        diagnostics += timelineDiagnostics

        // Backlinks: each changed document taken out of the lists of what it named and put
        // into those of what it names, at its place in its kind's order. The other documents
        // keep their order among themselves unless their kind's order moved them (events
        // after an edited one): then that kind's lists are sorted again.
        var naming = old.naming
        for kind in changedKinds where order[kind] != old.order[kind] {
            let slugs = Set(changed.filter { $0.kind == kind }.map(\.slug))
            let others = { (order: [String]) in order.filter { !slugs.contains($0) } }
            guard others(order[kind] ?? []) != others(old.order[kind] ?? []) else { continue }
            let ranks = rank[kind] ?? [:]
            for (target, byKind) in naming {
                if let list = byKind[kind] { naming[target]?[kind] = Self.ordered(Set(list), by: ranks) }
            }
        }
        // Every changed document is taken out first, so that the lists each is put back into
        // hold only documents at their new places.
        let named = changed.map { id in
            (
                id: id, before: Set(references(old.document(id), old.bodies[id]).map(\.target)).subtracting([id]),
                after: Set(references(edited[id], bodies[id]).map(\.target)).subtracting([id])
            )
        }
        for (id, before, after) in named {
            for target in before.union(after) {
                naming[target]?[id.kind]?.removeAll { $0 == id.slug }
            }
        }
        for (id, _, after) in named {
            let ranks = rank[id.kind] ?? [:]
            let key = (rank: ranks[id.slug, default: 0], slug: id.slug)
            for target in after {
                var list = naming[target]?[id.kind] ?? []
                list.insert(id.slug, at: Self.insertionPoint(in: list) { (ranks[$0, default: 0], $0) < key })
                naming[target, default: [:]][id.kind] = list
            }
        }
        // Lists left empty are not kept, as a full build makes none.
        for (id, before, after) in named {
            for target in before.subtracting(after) where naming[target]?[id.kind]?.isEmpty == true {
                naming[target]?[id.kind] = nil
                if naming[target]?.isEmpty == true { naming[target] = nil }
            }
        }

        // Related briefs: worked out again for the briefs that share something with a changed
        // one (before or after the edit); the others' best three cannot have changed.
        var related = old.related
        var relatedIndex = memo.relatedIndex
        let changedBriefs = changed.filter { $0.kind == .brief }
        var touched: Set<DocumentID> = []
        var featuresChanged = false
        for id in changedBriefs {
            guard let i = relatedIndex.position[id.slug], let brief = edited[id] as? Brief else { continue }
            let new = Self.features(brief)
            touched.formUnion(relatedIndex.features[i].union(new))
            if new != relatedIndex.features[i] {
                featuresChanged = true
                relatedIndex.set(i, new)
            }
        }
        if order[.brief] != old.order[.brief] || featuresChanged {
            let briefRank = rank[.brief] ?? [:]
            var affected = Set(changedBriefs.compactMap { relatedIndex.position[$0.slug] })
            for key in touched { affected.formUnion(relatedIndex.postings[key] ?? []) }
            let items = affected.sorted()
            let slugs = relatedIndex.slugs
            let best = Self.related(
                features: relatedIndex.features, rank: slugs.map { briefRank[$0, default: Int.max] }, jobs: jobs,
                only: items, index: relatedIndex.postings)
            for (i, three) in zip(items, best) { related[slugs[i]] = three.map { slugs[$0] } }
        }

        let graph = SiteGraph(
            site: site, documents: documents, bodies: bodies, order: order, timelineRank: rank[.event] ?? [:],
            naming: naming, members: Self.members(Documents<Person>(bySlug: documents[.person] ?? [:]).values),
            related: related,
            pagination: changedKinds.contains(.event)
                ? Pagination(
                    settings: site.pagination, timeline: order[.event] ?? [], events: Documents(bySlug: documents[.event] ?? [:]))
                : old.pagination)
        let next = Memo(
            content: content, graph: graph, problems: problems, rank: rank, timelineDiagnostics: timelineDiagnostics,
            relatedIndex: relatedIndex)
        return (graph, diagnostics, next)
    }

    /// The briefs' order (newest first, then by title and slug) with the `moving` briefs taken
    /// out and put back at their new places.
    static func briefOrder(_ order: [String], moving: [String], briefs: Documents<Brief>) -> [String] {
        let slugs = Set(moving)
        var order = order.filter { !slugs.contains($0) }
        func key(_ slug: String) -> (date: PartialDate, title: String, slug: String)? {
            briefs[slug].map { ($0.date, $0.title, $0.slug) }
        }
        for slug in moving.sorted() {
            guard let new = key(slug) else { continue }
            // Whether the brief at a place comes before the new one.
            let at = insertionPoint(in: order) { other in
                guard let b = key(other) else { return true }
                return (b.date, new.title, new.slug) > (new.date, b.title, b.slug)
            }
            order.insert(slug, at: at)
        }
        return order
    }

    /// The first index of `list` whose element is not `before` the one being placed; `list` is
    /// sorted, so every element before it is.
    static func insertionPoint(in list: [String], before: (String) -> Bool) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if before(list[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
