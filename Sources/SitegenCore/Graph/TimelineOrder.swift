/// Orders events in time. A date sorts by its start (a month before the days in it); an event
/// with `after:` sorts after the events it names, so a month-precision aftermath follows the
/// day it came after without being given a day the sources never gave.
struct TimelineOrder {
    let events: [String: Event]
    private(set) var diagnostics: [Diagnostic] = []
    private var keys: [String: Key] = [:]
    private var visiting: Set<String> = []

    struct Key: Comparable {
        let year: Int
        let month: Int
        let day: Int
        /// How many `after` steps place this event behind one on the same date.
        let depth: Int

        static func < (a: Key, b: Key) -> Bool {
            (a.year, a.month, a.day, a.depth) < (b.year, b.month, b.day, b.depth)
        }
    }

    init(events: [String: Event]) {
        self.events = events
    }

    mutating func sorted() -> [String] {
        let keyed = events.keys.sorted().map { ($0, key($0)) }
        return keyed.sorted { a, b in
            let (ea, eb) = (events[a.0]!, events[b.0]!)
            return (a.1, ea.end ?? ea.date, ea.title, ea.slug) < (b.1, eb.end ?? eb.date, eb.title, eb.slug)
        }.map(\.0)
    }

    private mutating func key(_ slug: String) -> Key {
        if let known = keys[slug] { return known }
        let event = events[slug]!
        var key = Key(year: event.date.year, month: event.date.month ?? 0, day: event.date.day ?? 0, depth: 0)
        visiting.insert(slug)
        for reference in event.after {
            guard let other = events[reference.slug] else { continue }  // unknown slugs are reported elsewhere
            if visiting.contains(reference.slug) {
                diagnostics.append(
                    .error(
                        "graph.event-cycle", "'after' makes a cycle: '\(reference.slug)' comes after '\(slug)' already",
                        at: reference.position, line: reference.sourceLine,
                        hint: "an event can only follow events that do not follow it"))
                continue
            }
            if event.date.lastDay < other.date.firstDay {
                diagnostics.append(
                    .error(
                        "graph.event-order",
                        "'\(slug)' (\(event.date.iso)) cannot come after '\(reference.slug)' (\(other.date.iso))",
                        at: reference.position, line: reference.sourceLine,
                        hint: "fix the date or remove '\(reference.slug)' from 'after'"))
                continue
            }
            let o = self.key(reference.slug)
            key = max(key, Key(year: o.year, month: o.month, day: o.day, depth: o.depth + 1))
        }
        visiting.remove(slug)
        keys[slug] = key
        return key
    }
}
