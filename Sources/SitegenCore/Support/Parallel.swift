import Dispatch
import Synchronization

/// Maps `0..<count` through `transform` on `jobs` threads; results come back in index order,
/// so the output never depends on how the work was scheduled.
///
/// `makeWorker` runs once on each thread and its value stays there: the place for state that
/// is not `Sendable`, such as a cmark renderer.
func parallelMap<Worker, Result: Sendable>(
    _ count: Int, jobs: Int, makeWorker: @Sendable () -> Worker,
    _ transform: @Sendable (inout Worker, Int) -> Result
) -> [Result] {
    guard count > 0 else { return [] }
    let threads = max(1, min(jobs, count))
    if threads == 1 {
        var worker = makeWorker()
        return (0..<count).map { transform(&worker, $0) }
    }
    let next = Atomic<Int>(0)
    let collected = Mutex<[(Int, Result)]>([])
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        var worker = makeWorker()
        var local: [(Int, Result)] = []
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { break }
            local.append((index, transform(&worker, index)))
        }
        collected.withLock { $0.append(contentsOf: local) }
    }
    return collected.withLock { all in all.sorted { $0.0 < $1.0 }.map(\.1) }
}

/// `parallelMap` without per-thread state.
func parallelMap<Result: Sendable>(_ count: Int, jobs: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
    parallelMap(count, jobs: jobs, makeWorker: {}) { _, index in transform(index) }
}

/// Runs `first` and `second` at the same time when `jobs` allows, and returns both results.
func concurrently<A: Sendable, B: Sendable>(
    jobs: Int, _ first: @Sendable () -> A, _ second: @Sendable () -> B
) -> (A, B) {
    guard jobs > 1 else { return (first(), second()) }
    let a = Mutex<A?>(nil)
    let b = Mutex<B?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 {
            let value = first()
            a.withLock { $0 = value }
        } else {
            let value = second()
            b.withLock { $0 = value }
        }
    }
    return (a.withLock { $0! }, b.withLock { $0! })
}
