import Foundation

/// Slugs: lower-case ASCII letters, digits and single hyphens, e.g. `claudia-sheinbaum`.
public enum Slug {
    public static func isValid(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, let last = text.last, first != "-", last != "-" else { return false }
        var previousWasHyphen = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": previousWasHyphen = false
            case "-":
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default: return false
            }
        }
        return true
    }

    /// The slug an editor most likely meant: accents folded, other characters to single hyphens.
    /// `Fernández Noroña` → `fernandez-norona`.
    public static func suggest(for text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
