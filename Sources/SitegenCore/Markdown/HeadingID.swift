import Foundation

/// Stable, readable anchor ids from heading text: "¿Qué sigue? The 2,681 judges" → `que-sigue-the-2-681-judges`.
public enum HeadingID {
    public static func make(from text: String) -> String {
        Slug.suggest(for: text)
    }
}
