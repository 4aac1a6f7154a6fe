/// HTML escaping of a template's `{{name}}`: the five characters `& < > " '`, escaped over
/// UTF-8 bytes and skipped for text that has none of them, which is most text.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var text = text
        let special = Self.special
        let needsEscaping = text.withUTF8 { bytes in
            for byte in bytes where special[Int(byte)] { return true }
            return false
        }
        guard needsEscaping else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `escape` replaces, looked up in one step each.
    private static let special: [Bool] = (0..<256).map { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }
}
