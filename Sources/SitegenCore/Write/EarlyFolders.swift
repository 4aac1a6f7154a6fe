import Foundation
import Synchronization

/// The folders of a new staging folder's document pages, made on a thread of their own while
/// the files are read and the graph is built (most of the graph runs on one core). A file's
/// name gives its page's folder; folders of files that make no page (drafts, files with
/// errors) are removed before the pages are written. On ext4 a `mkdir` costs about 45 µs, and
/// a site of 10,000 briefs has some 16,000 document folders: made one after the other before
/// the pages, they held up a first build by about 0.7 s.
///
/// The emit stage waits for them (`wait()`) and removes any made here that the site turned out
/// not to need; the folders still missing (list pages') are made as their first file is written.
final class EarlyFolders: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let made = Mutex<Set<String>>([])
    private let stop = Atomic<Bool>(false)

    /// Starts making the folders of `files` (paths below `staging`), parents first.
    init(in staging: StagingFolder, for files: [String]) {
        Thread.detachNewThread { [self] in
            let folders = StagingFolder.parentsFirst(StagingFolder.folders(of: files))
            var made: Set<String> = []
            for folder in folders {
                if stop.load(ordering: .relaxed) { break }
                guard mkdir(join(staging.path, folder), 0o755) == 0 else { break }
                made.insert(folder)
            }
            self.made.withLock { $0 = made }
            finished.signal()
        }
    }

    /// The folders made, once the thread is done. With `cancelling`, the thread stops at its
    /// next folder (a build that failed before writing).
    func wait(cancelling: Bool = false) -> Set<String> {
        if cancelling { stop.store(true, ordering: .relaxed) }
        finished.wait()
        finished.signal()
        return made.withLock { $0 }
    }
}

extension StagingFolder {
    /// Removes folders made early that no file of the site is in, deepest first (`rmdir`
    /// removes only empty folders).
    func removeUnneeded(_ made: Set<String>, needed: Set<String>) {
        for folder in made.subtracting(needed).sorted(by: { $0.utf8.count > $1.utf8.count }) {
            rmdir(join(path, folder))
        }
    }
}
