/// Times a run's stages one after another, for `--timings`.
struct StageClock {
    private let clock = ContinuousClock()
    private var lap: ContinuousClock.Instant
    private(set) var times: [(stage: String, duration: Duration)] = []

    init() { lap = clock.now }

    /// Ends the stage running since the last call (or since the start) under `name`.
    mutating func stage(_ name: String) {
        let now = clock.now
        times.append((name, now - lap))
        lap = now
    }
}
