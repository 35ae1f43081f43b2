import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// An emergency opening of a record beyond consent: a reason and the second factor again, for a
/// limited time, told to the peer and the coordinators at once, and reviewed.
@Suite struct BreakGlassTests {
    @Test func anEmergencyOpeningIsAskedForReadLimitedToldAndReviewed() async throws {
        try await withTestApp { context in
            let (_, peer, clinicianID, peerID) = try await ConsentTests.peerAndClinician(context)
            _ = clinicianID
            let clinician = try await context.signedInClient(ConsentTests.clinicianEmail)
            let path = "/shared/\(peerID.uuidString.lowercased())"
            #expect(try await clinician.get(path).status == .notFound)

            // Without a second factor there is no emergency opening.
            try await clinician.get("/break-glass?find=mere")
            let noFactor = try await clinician.post(
                "/break-glass",
                [("peer", peerID.uuidString), ("reason", "immediate-risk"), ("words", "Her GP called: she may be at risk."), ("code", "")])
            #expect(noFactor.contains("An emergency opening needs your second factor."))
            let (secret, _) = try await SecondFactorTests.turnOn(clinician, context)
            context.clock.advance(by: 60)

            // A clinician finds only a name they already know, whole: no listing the service's peers.
            #expect(!(try await clinician.get("/break-glass?find=mere")).contains("Mereana"))
            let search = try await clinician.get("/break-glass?find=mereana")
            #expect(search.contains("Mereana"))
            let noReason = try await clinician.post(
                "/break-glass",
                [
                    ("peer", peerID.uuidString), ("words", ""),
                    ("code", SecondFactorTests.code(secret, at: context.clock.now)),
                ])
            #expect(noReason.contains("Choose why this can't wait"))
            #expect(noReason.contains("Say what is happening"))
            let wrongCode = try await clinician.post(
                "/break-glass",
                [
                    ("peer", peerID.uuidString), ("reason", "immediate-risk"), ("words", "Her GP called: she may be at risk."),
                    ("code", "000000"),
                ])
            #expect(wrongCode.contains("That code didn't match."))
            #expect(try await BreakGlassRecord.query(on: context.db).count() == 0, "nothing is stored for a refused opening")

            let opened = try await clinician.post(
                "/break-glass",
                [
                    ("peer", peerID.uuidString), ("reason", "immediate-risk"), ("words", "Her GP called: she may be at risk."),
                    ("code", SecondFactorTests.code(secret, at: context.clock.now)),
                ])
            #expect(opened.location == path)
            let record = try await clinician.get(path)
            #expect(record.status == .ok)
            #expect(record.contains("opened in an emergency"))
            #expect(record.contains("We walked to the beach."))

            // The peer is told at once and sees the read; coordinators have it waiting for review.
            #expect(try await peer.get("/inbox").contains("opened your record in an emergency"))
            #expect(try await peer.get("/my/looked").contains("in an emergency, without your consent"))
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let queue = try await coordinator.get("/break-glass/reviews")
            #expect(queue.contains("Alex Chen opened Mereana&#39;s record") || queue.contains("Alex Chen opened Mereana's record"))

            // Nobody reviews their own opening: a coordinator who opened one sees it, without the form.
            let ownReview = try await clinician.post(
                "/break-glass/\(try #require(try await BreakGlassRecord.query(on: context.db).first()?.requireID()).uuidString.lowercased())/review",
                [("outcome", "justified"), ("note", "Fine.")])
            #expect(ownReview.status == .forbidden, "and a clinician reviews none")

            // It lasts an hour, then the same opening opens nothing.
            context.clock.advance(by: 61 * 60)
            let later = try await context.signedInClient(ConsentTests.clinicianEmail, secondFactor: secret)
            #expect(try await later.get(path).status == .notFound)

            // Reviewed once; overdue is shown after its due date.
            let glass = try #require(try await BreakGlassRecord.query(on: context.db).first())
            let reviewPath = "/break-glass/\(try glass.requireID().uuidString.lowercased())/review"
            context.clock.advance(by: 8 * 86_400)
            let coordinatorLater = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinatorLater.get("/break-glass/reviews").contains("This review is overdue."))
            #expect(try await coordinatorLater.post(reviewPath, [("outcome", "justified")]).contains("Say what you found"))
            #expect(
                try await coordinatorLater.post(reviewPath, [("outcome", "justified"), ("note", "Spoke with the GP: it was urgent.")])
                    .status
                    == .seeOther)
            #expect(try await coordinatorLater.post(reviewPath, [("outcome", "raised"), ("note", "Twice?")]).status == .notFound)
        }
    }
}
