/// Work the server repeats in the background while it runs (sending email, following data-key
/// rotations), started once at boot and stopped, waiting for the round in progress, at shutdown.
actor RepeatingTask {
    private var task: Task<Void, Never>?

    /// Runs `work`, then waits `seconds`, until stopped.
    func start(every seconds: Double, _ work: @escaping @Sendable () async -> Void) {
        guard task == nil else { return }
        let nanoseconds = UInt64(seconds * 1_000_000_000)
        task = Task {
            while !Task.isCancelled {
                await work()
                try? await Task.sleep(nanoseconds: nanoseconds)
            }
        }
    }

    func stop() async {
        task?.cancel()
        await task?.value
        task = nil
    }
}
