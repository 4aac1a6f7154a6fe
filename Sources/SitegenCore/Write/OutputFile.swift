/// A file of the built site: its path below the output folder and its text.
public struct OutputFile: Sendable {
    public let path: String
    public let contents: String
}
