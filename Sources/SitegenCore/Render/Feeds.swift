/// The files for hosts and crawlers: Atom feed, sitemap and robots.txt. They need absolute
/// URLs, so the feed and sitemap exist only when `base-url` is set.
enum Feeds {
    static func atom(_ graph: SiteGraph, baseURL: String) -> OutputFile {
        let site = graph.site
        let briefs = graph.briefOrder.compactMap { graph.briefs[$0] }
        // Every correction, update and clarification of any page is an entry of its own.
        let updates = graph.allDocuments.flatMap { d in
            zip(Update.anchors(d.updates), d.updates).map { (document: d, anchor: $0, update: $1) }
        }
            .sorted { ($0.update.date, $1.document.label) > ($1.update.date, $0.document.label) }
        let newest = (briefs.map { $0.lastUpdated ?? $0.date } + updates.map(\.update.date)).max() ?? site.asOf
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(site.language))">
              <title>\(escape(site.title))</title>
              <subtitle>\(escape(site.description))</subtitle>
              <link rel="self" type="application/atom+xml" href="\(escape(baseURL))feed.xml"/>
              <link rel="alternate" type="text/html" href="\(escape(baseURL))"/>
              <id>\(escape(baseURL))</id>
              <updated>\(timestamp(newest))</updated>
              <author><name>\(escape(site.editors.isEmpty ? site.title : site.editors.joined(separator: ", ")))</name></author>

            """
        for brief in briefs {
            let url = baseURL + ContentURL.path(.brief, brief.slug)
            xml += """
                  <entry>
                    <title>\(escape(brief.title))</title>
                    <link rel="alternate" type="text/html" href="\(escape(url))"/>
                    <id>\(escape(url))</id>
                    <published>\(timestamp(brief.date))</published>
                    <updated>\(timestamp(brief.lastUpdated ?? brief.date))</updated>
                    <category term="\(escape(brief.kind.rawValue))" label="\(escape(brief.kind.label))"/>
                    <summary>\(escape(brief.summary))</summary>
                  </entry>

                """
        }
        for (document, anchor, update) in updates {
            let url = baseURL + document.id.path + "#" + anchor
            xml += """
                  <entry>
                    <title>\(escape(update.kind.label)): \(escape(document.label))</title>
                    <link rel="alternate" type="text/html" href="\(escape(url))"/>
                    <id>\(escape(url))</id>
                    <updated>\(timestamp(update.date))</updated>
                    <category term="\(escape(update.kind.rawValue))" label="\(escape(update.kind.label))"/>
                    <summary>\(escape(update.note))</summary>
                  </entry>

                """
        }
        xml += "</feed>\n"
        return OutputFile(path: "feed.xml", contents: xml)
    }

    /// The most pages a sitemap file lists: the protocol's limit (sitemaps.org: 50,000 URLs
    /// and 50 MB a file; a page's line here is about 100 bytes).
    static let sitemapLimit = 50_000

    /// The sitemap index of a sitemap in `parts` files.
    static func sitemapIndex(parts: Int, baseURL: String) -> OutputFile {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for part in 1...max(1, parts) {
            xml += "  <sitemap><loc>\(escape(baseURL))sitemap-\(part).xml</loc></sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return OutputFile(path: "sitemap.xml", contents: xml)
    }

    static func sitemap(
        pages: some Collection<String>, graph: SiteGraph, baseURL: String, path: String = "sitemap.xml"
    ) -> OutputFile {
        var lastModified: [String: PartialDate] = [:]
        for brief in graph.briefs.values {
            lastModified[ContentURL.path(.brief, brief.slug)] = brief.lastUpdated ?? brief.date
        }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for path in pages {
            xml += "  <url><loc>\(escape(baseURL + path))</loc>"
            if let date = lastModified[path] { xml += "<lastmod>\(date.iso)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: path, contents: xml)
    }

    static func robots(baseURL: String?) -> OutputFile {
        var text = "User-agent: *\nAllow: /\n"
        if let baseURL { text += "\nSitemap: \(baseURL)sitemap.xml\n" }
        return OutputFile(path: "robots.txt", contents: text)
    }

    /// RFC 3339 at the start of the date's first day; no clock is read, so builds repeat exactly.
    static func timestamp(_ date: PartialDate) -> String { date.firstDay.iso + "T00:00:00Z" }

    /// XML text and attribute escaping: the HTML escaper's five characters (`&#39;` is XML too).
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
