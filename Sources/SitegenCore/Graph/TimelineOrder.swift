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

    /// The key of `slug`: its date's, or one step behind the latest of the events it comes
    /// after. Walked with a stack of its own, not by recursion: a chain of 100,000 `after:`
    /// would overflow the thread's stack.
    private mutating func key(_ slug: String) -> Key {
        if let known = keys[slug] { return known }
        /// An event being keyed: the next of its `after` to look at, and its key so far.
        struct Frame {
            let slug: String
            let event: Event
            var next = 0
            var key: Key
        }
        func start(_ slug: String) -> Frame {
            let event = events[slug]!
            visiting.insert(slug)
            return Frame(
                slug: slug, event: event,
                key: Key(year: event.date.year, month: event.date.month ?? 0, day: event.date.day ?? 0, depth: 0))
        }
        func behind(_ key: Key, _ o: Key) -> Key {
            max(key, Key(year: o.year, month: o.month, day: o.day, depth: o.depth + 1))
        }
        var stack = [start(slug)]
        while let top = stack.last {
            guard top.next < top.event.after.count else {
                // Every event it comes after is keyed: so is this one, and its follower is told.
                stack.removeLast()
                visiting.remove(top.slug)
                keys[top.slug] = top.key
                if !stack.isEmpty { stack[stack.count - 1].key = behind(stack[stack.count - 1].key, top.key) }
                continue
            }
            let reference = top.event.after[top.next]
            stack[stack.count - 1].next += 1
            guard let other = events[reference.slug] else { continue }  // unknown slugs are reported elsewhere
            if visiting.contains(reference.slug) {
                diagnostics.append(
                    .error(
                        "graph.event-cycle", "'after' makes a cycle: '\(reference.slug)' comes after '\(top.slug)' already",
                        at: reference.position, line: reference.sourceLine,
                        hint: "an event can only follow events that do not follow it"))
                continue
            }
            if top.event.date.lastDay < other.date.firstDay {
                diagnostics.append(
                    .error(
                        "graph.event-order",
                        "'\(top.slug)' (\(top.event.date.iso)) cannot come after '\(reference.slug)' (\(other.date.iso))",
                        at: reference.position, line: reference.sourceLine,
                        hint: "fix the date or remove '\(reference.slug)' from 'after'"))
                continue
            }
            if let known = keys[reference.slug] {
                stack[stack.count - 1].key = behind(top.key, known)
            } else {
                stack.append(start(reference.slug))
            }
        }
        return keys[slug]!
    }
}
