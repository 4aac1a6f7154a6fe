/// Stable, readable anchor ids from heading text: "¿Qué sigue? The 2,681 judges" → `que-sigue-the-2-681-judges`.
public enum HeadingID {
    public static func make(from text: String) -> String {
        // Most headings are ASCII: slugify their bytes directly; fold accents only when needed.
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return Slug.suggest(for: text) }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingHyphen && !out.isEmpty { out.append(0x2D) }
                pendingHyphen = false
                out.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
