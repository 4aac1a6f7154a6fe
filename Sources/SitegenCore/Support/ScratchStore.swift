import Foundation
import Synchronization

/// An unnamed scratch file for text written once and read back once, from any thread: brief
/// bodies are rendered in the Markdown pass and read back as their pages are written, so the
/// bulk of the site is neither held in memory nor parsed twice.
///
/// The file is unlinked as soon as it is opened, so it disappears when the build ends, however
/// it ends. Writes reserve their range atomically and use `pwrite`; reads use `pread`.
final class ScratchStore: Sendable {
    /// Where a stored text is in the file.
    struct Handle: Sendable {
        let offset: Int
        let length: Int
    }

    private let fd: Int32
    private let end = Atomic<Int>(0)

    /// Opens a scratch file in `folder`; nil if the file system refuses.
    init?(folder: String = NSTemporaryDirectory()) {
        var template = Array((join(folder, "sitegen-scratch-XXXXXX")).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Stores UTF-8 `bytes` (cmark-gfm's HTML, without making a `String` of it first); nil when
    /// the write fails (the caller keeps the text in memory instead).
    func store(_ bytes: UnsafeRawBufferPointer) -> Handle? {
        let offset = end.add(bytes.count, ordering: .relaxed).oldValue
        guard let base = bytes.baseAddress else { return Handle(offset: offset, length: 0) }
        var written = 0
        while written < bytes.count {
            let n = pwrite(fd, base + written, bytes.count - written, off_t(offset + written))
            guard n > 0 else { return nil }
            written += n
        }
        return Handle(offset: offset, length: bytes.count)
    }

    func load(_ handle: Handle) -> String? {
        guard handle.length > 0 else { return "" }
        var complete = true
        let text = String(unsafeUninitializedCapacity: handle.length) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var read = 0
            while read < handle.length {
                let n = pread(fd, base + read, handle.length - read, off_t(handle.offset + read))
                guard n > 0 else {
                    complete = false
                    return 0
                }
                read += n
            }
            return read
        }
        return complete ? text : nil
    }
}
