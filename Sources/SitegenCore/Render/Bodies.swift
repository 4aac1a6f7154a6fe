/// HTML kept in the scratch file, read only when the page is rendered.
struct StoredHTML: Sendable {
    let store: ScratchStore
    let handle: ScratchStore.Handle
    var text: String { store.load(handle) ?? "" }
}

/// A body's HTML: in memory, or in the scratch file until the page is rendered.
enum BodyHTML: Sendable {
    case inline(String)
    case stored(StoredHTML)

    var html: String {
        switch self {
        case .inline(let html): html
        case .stored(let stored): stored.text
        }
    }
}

/// Rendered bodies kept in a scratch file instead of memory, by document.
struct StoredBodies: Sendable {
    let store: ScratchStore
    let handles: [DocumentID: ScratchStore.Handle]

    func body(_ id: DocumentID) -> StoredHTML? {
        handles[id].map { StoredHTML(store: store, handle: $0) }
    }
}

/// Where a page finds a document's body HTML: the scratch file for bodies kept on disk, the
/// graph's rendered bodies otherwise. The one way a body reaches its page.
struct PageBodies: Sendable {
    let stored: StoredBodies?

    func html(_ id: DocumentID, in graph: RecordedGraph) -> BodyHTML {
        graph.log.record(.document(id))
        if let stored = stored?.body(id) { return .stored(stored) }
        return .inline(graph.base.bodies[id]?.html ?? "")
    }
}
