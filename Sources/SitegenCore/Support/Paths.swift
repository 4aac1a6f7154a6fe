import Foundation

/// `folder/name`, with one slash between them whether or not `folder` ends with one.
func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}

/// `path` made absolute against `folder`, with `.`, `..` and repeated slashes worked out by
/// their names (as a shell's `cd -L` does): `Public/.` is `Public`, `Templates/partials/..` is
/// `Templates`.
func absolutePath(_ path: String, in folder: String = FileManager.default.currentDirectoryPath) -> String {
    let whole = path.hasPrefix("/") ? path : folder + "/" + path
    var parts: [Substring] = []
    for part in whole.split(separator: "/", omittingEmptySubsequences: true) {
        switch part {
        case ".": continue
        case "..": _ = parts.popLast()
        default: parts.append(part)
        }
    }
    return "/" + parts.joined(separator: "/")
}
