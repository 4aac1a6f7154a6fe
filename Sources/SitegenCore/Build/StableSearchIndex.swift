import CZlib
import Foundation

/// Pagefind writes each filter's values, and its meta file's list of filters, in hash-map order,
/// different on every run (upstream issue 638), and names files after their bytes: two builds
/// of the same pages differ in `pagefind/` (a filter file per filter, the meta file, and
/// `pagefind-entry.json`, which names the meta file). This puts both lists in a fixed order (by
/// their names' bytes), names the files after their new bytes, and points the entry file at the
/// new meta file, so the same pages give the same index, byte for byte.
///
/// The files are gzip'd CBOR after the signature `pagefind_dcd`. A filter file is
/// `[name, [[value, [page, …]], …]]`; the meta file is `[version, pages, index chunks,
/// [[filter, file hash], …], …]`. Only those two lists are reordered, whole items moved as
/// they are; anything else is left as Pagefind wrote it. A file not in that shape is a
/// `Problem`: the index then stays as Pagefind wrote it (correct, only not reproducible).
enum StableSearchIndex {
    struct Problem: Error, Equatable {
        let message: String
    }

    static let signature = Array("pagefind_dcd".utf8)

    /// Rewrites the index in `folder` (the site's `pagefind/`).
    static func normalize(_ folder: String) throws(Problem) {
        let fm = FileManager.default
        let entryPath = folder + "/pagefind-entry.json"
        guard var entry = fm.contents(atPath: entryPath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw Problem(message: "pagefind-entry.json is missing")
        }
        let metas = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasPrefix("pagefind.") && $0.hasSuffix(".pf_meta")
        }.sorted()
        // Everything is read and put in order first; files are written only when all of it
        // succeeded, and the old ones removed only when every new one is written, so a
        // problem leaves the index as Pagefind wrote it.
        var writes: [(path: String, bytes: [UInt8])] = []
        var removals: [String] = []
        for name in metas {
            let oldHash = String(name.dropFirst("pagefind.".count).dropLast(".pf_meta".count))
            let meta = try decompressed(try read(folder + "/" + name))
            var renamed: [String: String] = [:]
            for hash in try filterHashes(meta) {
                let path = folder + "/filter/" + hash + ".pf_filter"
                let sorted = try sortedFilter(try decompressed(try read(path)))
                let newHash = Self.hash(sorted, like: hash)
                renamed[hash] = newHash
                writes.append((folder + "/filter/" + newHash + ".pf_filter", try compressed(sorted)))
                removals.append(path)
            }
            let newMeta = try sortedMeta(meta, renaming: renamed)
            let newHash = Self.hash(newMeta, like: oldHash)
            writes.append((folder + "/pagefind." + newHash + ".pf_meta", try compressed(newMeta)))
            removals.append(folder + "/" + name)
            guard entry.contains("\"\(oldHash)\"") else { throw Problem(message: "pagefind-entry.json does not name \(name)") }
            entry = entry.replacingOccurrences(of: "\"\(oldHash)\"", with: "\"\(newHash)\"")
        }
        writes.append((entryPath, Array(entry.utf8)))
        var written: [String] = []
        for (path, bytes) in writes {
            let isNew = !fm.fileExists(atPath: path)
            guard fm.createFile(atPath: path, contents: Data(bytes)) else {
                for path in written { try? fm.removeItem(atPath: path) }
                throw Problem(message: "could not write \(path)")
            }
            if isNew { written.append(path) }
        }
        let kept = Set(writes.map(\.path))
        for path in removals where !kept.contains(path) { try? fm.removeItem(atPath: path) }
    }

    // MARK: The two lists

    /// A filter file's values sorted by their bytes.
    static func sortedFilter(_ bytes: [UInt8]) throws(Problem) -> [UInt8] {
        var reader = try CBORReader(bytes, what: "filter file")
        try reader.expectArray(count: 2)
        try reader.skipItem()  // the filter's name
        let (listStart, items) = try reader.arrayItems()
        guard reader.offset == bytes.count else { throw reader.problem("bytes after the values") }
        return Array(bytes[..<listStart]) + (try reader.sortedByName(items)).flatMap { bytes[$0] }
    }

    /// The file hashes the meta file names for its filters.
    static func filterHashes(_ bytes: [UInt8]) throws(Problem) -> [String] {
        var reader = try CBORReader(bytes, what: "meta file")
        let (_, filters) = try reader.metaFilters()
        return try filters.map { item throws(Problem) in try reader.secondText(of: item) }
    }

    /// The meta file with its filters sorted by name and their files' new hashes.
    static func sortedMeta(_ bytes: [UInt8], renaming: [String: String]) throws(Problem) -> [UInt8] {
        var reader = try CBORReader(bytes, what: "meta file")
        let (listStart, filters) = try reader.metaFilters()
        let end = reader.offset
        var out = Array(bytes[..<listStart])
        for item in try reader.sortedByName(filters) {
            let hash = try reader.secondText(of: item)
            guard let new = renaming[hash], new.utf8.count == hash.utf8.count else {
                throw reader.problem("filter file \(hash) was not renamed")
            }
            // The name as it was, then the new hash: a text of the same length, so the same head.
            let hashStart = item.upperBound - hash.utf8.count
            out += bytes[item.lowerBound..<hashStart] + Array(new.utf8)
        }
        return out + bytes[end...]
    }

    /// A file name's hash for `bytes`, as long as the one it replaces (`en_` and hex digits).
    static func hash(_ bytes: [UInt8], like old: String) -> String {
        let prefix = old.prefix { $0 != "_" }
        let digits = old.count - prefix.count - 1
        // FNV-1a, 64 bits (the quote matcher's): a name that changes when the bytes do; not a
        // security measure.
        let hex = String(QuoteMatcher.hash(bytes.map(UInt32.init)[...], folding: false), radix: 16)
        let full = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return prefix + "_" + String(full.prefix(max(1, min(16, digits))))
    }

    // MARK: Files

    private static func read(_ path: String) throws(Problem) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(message: "could not read \(path)") }
        return [UInt8](data)
    }

    /// The bytes of a gzip'd file, which must start with Pagefind's signature.
    static func decompressed(_ gzip: [UInt8]) throws(Problem) -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: a zlib or gzip header, told apart by zlib.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Problem(message: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var input = gzip
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    out += outBuffer[..<(outBuffer.count - Int(stream.avail_out))]
                }
                // A file of Pagefind's is small; one past 256 MiB is not one.
            } while status == Z_OK && out.count < 256 << 20
        }
        guard status == Z_STREAM_END else { throw Problem(message: "not a gzip'd file Pagefind writes") }
        guard out.starts(with: signature) else { throw Problem(message: "no pagefind_dcd signature") }
        return out
    }

    /// `bytes` gzip'd, the same for the same bytes (no time or name in the header).
    static func compressed(_ bytes: [UInt8]) throws(Problem) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a gzip header, with no time or file name.
        guard
            deflateInit2_(
                &stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else { throw Problem(message: "zlib could not start") }
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Problem(message: "zlib could not compress") }
        return Array(out[..<Int(stream.total_out)])
    }
}

/// Just enough CBOR (RFC 8949) to find the items of Pagefind's lists: heads with definite
/// lengths, skipping any item. A length past the end, an indefinite length or nesting past
/// 32 levels is a `Problem`.
struct CBORReader {
    let bytes: [UInt8]
    let what: String
    private(set) var offset: Int

    init(_ bytes: [UInt8], what: String) throws(StableSearchIndex.Problem) {
        self.bytes = bytes
        self.what = what
        offset = StableSearchIndex.signature.count
        guard bytes.starts(with: StableSearchIndex.signature) else { throw problem("no pagefind_dcd signature") }
    }

    func problem(_ message: String) -> StableSearchIndex.Problem {
        StableSearchIndex.Problem(message: "Pagefind's \(what) is not as expected at byte \(offset): \(message)")
    }

    /// The major type and argument of the head at `at`, and where its content starts.
    private func head(at: Int) throws(StableSearchIndex.Problem) -> (major: UInt8, value: Int, next: Int) {
        guard at < bytes.count else { throw problem("ends early") }
        let major = bytes[at] >> 5
        let info = Int(bytes[at] & 0x1f)
        if info < 24 { return (major, info, at + 1) }
        guard info <= 27 else { throw problem("an indefinite length") }
        let size = 1 << (info - 24)
        guard at + size < bytes.count else { throw problem("ends early") }
        var value: UInt64 = 0
        for i in 1...size { value = value << 8 | UInt64(bytes[at + i]) }
        guard value <= UInt64(bytes.count) || major == 0 || major == 1 || major == 7 || major == 6 else {
            throw problem("a length past the end")
        }
        return (major, Int(truncatingIfNeeded: value), at + 1 + size)
    }

    /// Where the item at `at` ends.
    private func end(of at: Int, depth: Int = 0) throws(StableSearchIndex.Problem) -> Int {
        guard depth < 32 else { throw problem("nested too deep") }
        let (major, value, next) = try head(at: at)
        switch major {
        case 0, 1, 7: return next
        case 2, 3:
            guard value <= bytes.count - next else { throw problem("a length past the end") }
            return next + value
        case 4, 5:
            var position = next
            for _ in 0..<(major == 4 ? value : 2 * value) { position = try end(of: position, depth: depth + 1) }
            return position
        default:  // 6, a tag: the item it tags
            return try end(of: next, depth: depth + 1)
        }
    }

    mutating func skipItem() throws(StableSearchIndex.Problem) { offset = try end(of: offset) }

    mutating func expectArray(count: Int? = nil) throws(StableSearchIndex.Problem) {
        let (major, value, next) = try head(at: offset)
        guard major == 4, count.map({ $0 == value }) ?? true else { throw problem("not the list expected") }
        offset = next
    }

    /// The items of the array at the offset, each as its byte range, and where the first
    /// starts (after the array's head); the offset moves past the array.
    mutating func arrayItems() throws(StableSearchIndex.Problem) -> (start: Int, items: [Range<Int>]) {
        let (major, count, next) = try head(at: offset)
        guard major == 4 else { throw problem("not a list") }
        var items: [Range<Int>] = []
        var position = next
        for _ in 0..<count {
            let itemEnd = try end(of: position)
            items.append(position..<itemEnd)
            position = itemEnd
        }
        offset = position
        return (next, items)
    }

    /// The meta file's list of filters (its fourth item), after the three before it.
    mutating func metaFilters() throws(StableSearchIndex.Problem) -> (start: Int, items: [Range<Int>]) {
        let (major, count, next) = try head(at: offset)
        guard major == 4, count >= 4 else { throw problem("not the list expected") }
        offset = next
        for _ in 0..<3 { try skipItem() }
        return try arrayItems()
    }

    /// Pairs (`[name, …]`) sorted by their names' bytes; equal names keep their order.
    func sortedByName(_ items: [Range<Int>]) throws(StableSearchIndex.Problem) -> [Range<Int>] {
        var keyed: [(name: ArraySlice<UInt8>, at: Int, item: Range<Int>)] = []
        for (i, item) in items.enumerated() { keyed.append((try firstText(of: item), i, item)) }
        return keyed.sorted { $0.name == $1.name ? $0.at < $1.at : $0.name.lexicographicallyPrecedes($1.name) }.map(\.item)
    }

    /// The bytes of the text that starts a two-item list (`[name, …]`).
    func firstText(of item: Range<Int>) throws(StableSearchIndex.Problem) -> ArraySlice<UInt8> {
        try texts(of: item).0
    }

    /// The second item of a two-item list of texts (`[name, hash]`), as a string.
    func secondText(of item: Range<Int>) throws(StableSearchIndex.Problem) -> String {
        guard let second = try texts(of: item).1 else { throw problem("a filter without a file") }
        return String(decoding: second, as: UTF8.self)
    }

    private func texts(of item: Range<Int>) throws(StableSearchIndex.Problem) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
        let (major, count, next) = try head(at: item.lowerBound)
        guard major == 4, count == 2 else { throw problem("not a pair") }
        let (firstMajor, firstLength, firstStart) = try head(at: next)
        guard firstMajor == 3, firstStart + firstLength <= item.upperBound else { throw problem("a name that is not text") }
        let after = firstStart + firstLength
        let (secondMajor, secondLength, secondStart) = try head(at: after)
        let second = secondMajor == 3 && secondStart + secondLength == item.upperBound ? bytes[secondStart..<item.upperBound] : nil
        return (bytes[firstStart..<after], second)
    }
}
