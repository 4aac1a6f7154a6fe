import ArgumentParser
import Foundation
import SitegenCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new explainer in DIR: site.md, an example that builds and checks, the templates.",
        discussion: """
            DIR (default: the current folder) must be new or empty (a .git folder is fine). The \
            example's source document, brief, person and event cite each other and pass the quote \
            check; the shipped templates are copied into DIR/Templates to be edited.
            """)

    @Argument(help: ArgumentHelp("The folder of the new explainer.", valueName: "dir"))
    var directory = "."

    func run() throws {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        let today = PartialDate(year: parts.year ?? 2026, month: parts.month, day: parts.day)
        do {
            let created = try NewSite.create(in: directory, templatesFolder: NewSite.shippedTemplates(), today: today)
            let cd = directory == "." ? "" : "  cd \(directory)\n"
            print(
                """
                Created a new explainer in \(directory == "." ? "this folder" : directory) (\(created.files.count) files).
                Next:
                \(cd)  sitegen serve                         # preview at http://127.0.0.1:1313/, rebuilt on every save
                  sitegen new brief my-first-brief      # a new brief (a draft: see it with 'sitegen serve --drafts')
                  sitegen check --strict                # every check, warnings included, before you publish
                  sitegen                               # build the site into Public/
                """)
        } catch let problem as NewContent.Problem {
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            throw ExitCode(1)
        }
    }
}
