/// `/corrections/`: every correction, update and clarification of the site, newest first.
final class CorrectionsPage: TemplateModel {
    /// One update of one page.
    struct Entry: TemplateModel {
        let date: DateModel
        let kindLabel: String
        let note: String
        let pageTitle: String
        let pageURL: String

        static let schema = TemplateSchema<Entry>(
            "correction",
            [
                .optional("date") { $0.date }, .text("kindLabel") { $0.kindLabel }, .text("note") { $0.note },
                .text("pageTitle") { $0.pageTitle }, .text("pageURL") { $0.pageURL },
            ])
    }

    let layout: LayoutModel
    let intro: String
    let entries: [Entry]
    let contact: String?
    let contactURL: String

    init(layout: LayoutModel, intro: String, entries: [Entry], contact: String?, contactURL: String) {
        (self.layout, self.intro, self.entries, self.contact, self.contactURL) = (layout, intro, entries, contact, contactURL)
    }

    static let schema = TemplateSchema<CorrectionsPage>(
        "the corrections page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .list("entries") { $0.entries }, .flag("isEmpty") { $0.entries.isEmpty },
            .text("contact") { $0.contact ?? "" }, .text("contactURL") { $0.contactURL },
            .flag("hasContact") { $0.contact != nil },
        ])

    static let template = "corrections"
    static let title = "Corrections and updates"
    static let intro = "Every correction, update and clarification made to this site since it was published, newest first."
}

extension PageRenderer {
    /// Every update of every published document, newest first.
    func correctionsPage() -> OutputFile {
        let vm = models("corrections/")
        var updates: [(date: PartialDate, title: String, update: Update, anchor: String, document: any Document)] = []
        for document in graph.allDocuments {
            for (anchor, update) in zip(Update.anchors(document.updates), document.updates) {
                updates.append((update.date, document.label, update, anchor, document))
            }
        }
        updates.sort { ($0.date, $1.title) > ($1.date, $0.title) }
        let entries = updates.map { u in
            CorrectionsPage.Entry(
                date: vm.date(u.update.date), kindLabel: u.update.kind.label, note: u.update.note, pageTitle: u.document.label,
                pageURL: vm.url(u.document.id.kind, u.document.slug) + "#" + u.anchor)
        }
        let layout = layout(
            .corrections, pagePath: "corrections/", title: CorrectionsPage.title, description: CorrectionsPage.intro, section: .none)
        let model = CorrectionsPage(
            layout: layout, intro: CorrectionsPage.intro, entries: entries, contact: site.contact,
            contactURL: site.contact.map(Self.contactURL) ?? "")
        return rendered(\.corrections, model, path: "corrections/index.html")
    }
}
