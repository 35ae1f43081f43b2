import Foundation

/// A coordinator linking a supervisor to a peer worker they will supervise.
public struct SupervisionAssignment: Sendable, Equatable {
    public let supervisorID: UUID
    public let workerID: UUID

    /// - Parameters:
    ///   - supervisors: active accounts holding the supervisor role
    ///   - workers: active peer workers
    ///   - existing: links in place now, as (supervisor, worker)
    ///   - linkedBy: the coordinator making the link: supervision opens concerns and reflections, so
    ///     nobody links themselves as someone's supervisor (another coordinator does)
    public static func parse(
        supervisor: String?, worker: String?, supervisors: Set<UUID>, workers: Set<UUID>, existing: [(UUID, UUID)],
        linkedBy: UUID? = nil
    ) -> Result<SupervisionAssignment, FieldErrors> {
        var errors = FieldErrors()
        let supervisorID = supervisor.flatMap(UUID.init(uuidString:))
        let workerID = worker.flatMap(UUID.init(uuidString:))
        if supervisorID == nil || !supervisors.contains(supervisorID!) {
            errors.add("supervisor", "Choose a supervisor from the list.")
        }
        if workerID == nil || !workers.contains(workerID!) {
            errors.add("worker", "Choose the peer worker they will supervise.")
        }
        guard errors.isEmpty, let supervisorID, let workerID else { return .failure(errors) }
        if supervisorID == workerID {
            errors.add("worker", "Nobody supervises themselves. Choose someone else to supervise them.")
        } else if supervisorID == linkedBy {
            errors.add("supervisor", "You can't make yourself someone's supervisor. Ask another coordinator to make the link.")
        } else if existing.contains(where: { $0.0 == supervisorID && $0.1 == workerID }) {
            errors.add("worker", "They already supervise this peer worker.")
        }
        return errors.isEmpty ? .success(SupervisionAssignment(supervisorID: supervisorID, workerID: workerID)) : .failure(errors)
    }
}
