import Dispatch
import Foundation
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
    parallelMap(
        count, jobs: jobs, backlog: 0, makeWorker: makeWorker,
        start: { worker, index -> Step<Void, Result> in .done(transform(&worker, index)) },
        finish: { _, _, _ in nil })  // nothing is ever pending
}

/// What starting an item gave: its result, or work that finishes later.
enum Step<Pending, Result> {
    case done(Result)
    case pending(Pending)
}

/// `parallelMap` for items whose last step may have to wait for a resource the threads share
/// (the inline pass of a body with a `~` runs under a process-wide lock). A thread keeps up to `backlog`
/// items pending rather than wait: it starts the next item, and finishes the oldest pending one
/// as soon as `finish` can (it returns nil while it would have to wait, unless told `mustWait`,
/// when the backlog is full or no items are left to start). Results in index order.
func parallelMap<Worker, Pending, Result: Sendable>(
    _ count: Int, jobs: Int, backlog: Int, makeWorker: @Sendable () -> Worker,
    start: @Sendable (inout Worker, Int) -> Step<Pending, Result>,
    finish: @Sendable (inout Worker, Pending, _ mustWait: Bool) -> Result?
) -> [Result] {
    guard count > 0 else { return [] }
    let next = Atomic<Int>(0)
    let collected = Mutex<[(Int, Result)]>([])
    @Sendable func run() {
        var worker = makeWorker()
        var done: [(Int, Result)] = []
        var waiting: [(index: Int, pending: Pending)] = []
        var exhausted = false
        while true {
            if let first = waiting.first,
                let result = finish(&worker, first.pending, exhausted || waiting.count >= max(1, backlog))
            {
                waiting.removeFirst()
                done.append((first.index, result))
                continue
            }
            if exhausted {
                if waiting.isEmpty { break }
                continue
            }
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else {
                exhausted = true
                continue
            }
            switch start(&worker, index) {
            case .done(let result): done.append((index, result))
            case .pending(let pending): waiting.append((index, pending))
            }
        }
        collected.withLock { $0.append(contentsOf: done) }
    }
    let threads = max(1, min(jobs, count))
    if threads == 1 { run() } else { DispatchQueue.concurrentPerform(iterations: threads) { _ in run() } }
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

/// Work started on a thread of its own, so that a stage whose threads leave a core idle (a
/// serial step, the last items of a parallel map) has something else to run; `value` waits for
/// it. With `jobs` 1 the work is done at once, on the calling thread.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(jobs: Int, _ work: @escaping @Sendable () -> Value) {
        guard jobs > 1 else {
            result.withLock { $0 = work() }
            finished.signal()
            return
        }
        Thread.detachNewThread { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }
    }

    /// The work's result, once it is done.
    var value: Value {
        finished.wait()
        finished.signal()
        return result.withLock { $0! }
    }
}
