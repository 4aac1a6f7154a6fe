import ArgumentParser
import Foundation
import SitegenCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a content file with every key its kind requires.",
        discussion: """
            KIND is one of: \(NewContent.kindNames.joined(separator: ", ")). The file is \
            Content/<folder>/<slug>.md; a brief starts as a draft dated today (or the site's as-of, \
            if that is earlier). Preview it with 'sitegen serve --drafts'.
            """)

    @Argument(help: ArgumentHelp("What to create: \(NewContent.kindNames.joined(separator: ", ")).", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("The slug: the file name and the address, e.g. marco-rubio.", valueName: "slug"))
    var slug: String

    @Option(name: .long, help: ArgumentHelp("The title (or name) to start with.", valueName: "text"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content = "Content"

    func validate() throws {
        guard NewContent.kind(named: kind) != nil else {
            throw ValidationError("unknown kind '\(kind)'; use one of: \(NewContent.kindNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let kind = NewContent.kind(named: kind) else { throw ExitCode(64) }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        let today = PartialDate(year: parts.year ?? 2025, month: parts.month, day: parts.day)
        do {
            let path = try NewContent.create(
                kind: kind, slug: slug, title: title, contentDirectory: content, today: today)
            print("Created \(path)")
            if kind == .brief { print("It is a draft: preview it with 'sitegen serve --drafts'.") }
        } catch let problem as NewContent.Problem {
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            throw ExitCode(1)
        }
    }
}
