import ArgumentParser

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Start a content file.")
    func run() throws {}
}
