import Foundation

/// A file or folder of the output that could not be written.
struct WriteError: LocalizedError, CustomStringConvertible {
    let message: String
    var description: String { message }
    var errorDescription: String? { message }
}
