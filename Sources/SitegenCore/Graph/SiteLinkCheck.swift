/// Checks the links of bodies that point into the site without being `@kind/slug` references:
/// plain paths (`people/marco-rubio`, `/people/marco-rubio/`, `../briefs/x/`), resolved from
/// the page the body is on, and fragments on list pages (`@timeline#rubio-visit`).
struct SiteLinkCheck {
    let content: ContentSet

    /// Every page path of the site, from its root: `""`, `briefs/`, `people/marco-rubio/`.
    private var pagePaths: Set<String> {
        var paths: Set<String> = [""]
        for list in ListPages.all { paths.insert(list + "/") }
        for id in content.existing { paths.insert(id.path) }
        return paths
    }

    /// Whether the timeline is an index of month pages (`Pagination`).
    private var isTimelineSplit: Bool {
        content.events.count > (content.site?.pagination.timelineSplit ?? Int.max)
    }

    /// The ids a list page has: the timeline's events and months.
    private var timelineIDs: Set<String> {
        Set(content.events.map(\.slug) + content.events.map { "month-" + HeadingID.make(from: $0.date.monthText) })
    }

    func problems(in bodies: [DocumentID: RenderedMarkdown]) -> [Diagnostic] {
        let withLinks = bodies.filter { !$0.value.siteLinks.isEmpty }
        guard !withLinks.isEmpty else { return [] }
        let pages = pagePaths
        let timeline = timelineIDs
        var problems: [Diagnostic] = []
        for (id, body) in withLinks.sorted(by: { $0.key < $1.key }) {
            let page = id.path
            for link in body.siteLinks {
                switch link.target {
                case .list(let list, let fragment):
                    let ids: Set<String> = list == "timeline" ? timeline : []
                    if !ids.contains(fragment) {
                        problems.append(
                            .error(
                                "graph.unknown-fragment", "'#\(fragment)' is not on the \(list) page",
                                at: link.position, line: link.sourceLine,
                                hint: list == "timeline"
                                    ? "the timeline's ids are event slugs (@timeline#rubio-visit) and months (#month-august-2025)"
                                    : "link to the page itself, @\(list), or to one document, @\(list)/slug"))
                    } else if list == "timeline", isTimelineSplit, !fragment.hasPrefix("month-") {
                        problems.append(
                            .warning(
                                "graph.split-timeline",
                                "the timeline has more than \(content.site?.pagination.timelineSplit ?? 0) events, so it is split by month: '@timeline#\(fragment)' leads to its index, not to the event",
                                at: link.position, line: link.sourceLine,
                                hint: "link the event's own page, @events/\(fragment), or its month, @timeline#month-…"))
                    }
                case .path(let url):
                    if let problem = check(url, from: page, pages: pages, link: link) { problems.append(problem) }
                }
            }
        }
        return problems
    }

    private func check(_ url: String, from page: String, pages: Set<String>, link: SiteLink) -> Diagnostic? {
        let path = String(url.prefix { $0 != "#" && $0 != "?" })
        guard !path.isEmpty else { return nil }
        let isRooted = path.hasPrefix("/")
        var segments: [Substring] = isRooted ? [] : page.split(separator: "/")
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        var resolved = segments.joined(separator: "/")
        if resolved.hasSuffix("index.html") { resolved = String(resolved.dropLast("index.html".count)) }
        if resolved.hasSuffix("/") { resolved.removeLast() }
        // Assets, feeds and other files are not pages; only paths into the sections are checked.
        let first = segments.first.map(String.init) ?? ""
        let isPagePath =
            first.isEmpty || ListPages.all.contains(first) || ContentKind(folder: first) != nil
            || content.exists(DocumentID(.page, first))
        guard isPagePath, !first.contains(".") else { return nil }
        let exists = pages.contains(resolved.isEmpty ? "" : resolved + "/")
        let reference = suggestion(for: segments)
        if exists && !isRooted { return nil }
        if exists {
            return .warning(
                "graph.rooted-link",
                "'\(url)' works only when the site is at the root of its domain, not under a sub-path",
                at: link.position, line: link.sourceLine, hint: reference.map { "write \($0)" })
        }
        return .error(
            "graph.broken-link",
            "'\(url)' leads to /\(resolved.isEmpty ? "" : resolved + "/"), which is not a page of this site",
            at: link.position, line: link.sourceLine,
            hint: reference.map { "link to content with @: write \($0)" }
                ?? "link to content with @section/slug, e.g. @people/claudia-sheinbaum")
    }

    /// The `@` reference a plain path most likely meant: its last section and slug, if they exist.
    private func suggestion(for segments: [Substring]) -> String? {
        for i in stride(from: segments.count - 1, through: 0, by: -1) {
            if let kind = ContentKind(folder: String(segments[i])), i + 1 < segments.count,
                content.exists(DocumentID(kind, String(segments[i + 1])))
            {
                return "@\(kind.folder)/\(segments[i + 1])"
            }
            if ListPages.all.contains(String(segments[i])) && i == segments.count - 1 {
                return "@\(segments[i])"
            }
        }
        if let last = segments.last, content.exists(DocumentID(.page, String(last))) { return "@pages/\(last)" }
        return nil
    }
}
