import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct BillingTests {
    static func switchOn(_ context: TestContext, signOff: Bool = true) async throws {
        let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
        try await coordinator.get("/admin/settings")
        let saved = try await coordinator.post(
            "/admin/settings",
            [("quietDays", "14"), ("documentationStandard", "us-medicaid-peer-support")] + (signOff ? [("supervisorSignOff", "on")] : []))
        #expect(saved.status == .seeOther)
    }

    static let complete: [(String, String)] = [
        ("serviceCode", "H0038"), ("intervention", "Walked and talked about the week."), ("purpose", "Her goal of getting out more."),
        ("response", "Said she felt lighter."), ("nextSteps", "Library on Thursday."), ("credential", "Certified Peer Specialist"),
        ("sign", "on"),
    ]

    @Test func aNoteMissingElementsIsShownAsIncompleteWithWhatIsMissing() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await NoteVersionTests.savedNote(context)
            #expect(!(try await worker.get(notePath)).contains("Billing record"), "nothing about billing until the service switches it on")
            try await Self.switchOn(context)
            let page = try await worker.get(notePath)
            #expect(page.contains("Incomplete. Missing: Service code; Intervention; Purpose; The person's response; Next steps;"))
            try await worker.get(notePath + "/billing")
            let partial = try await worker.post(notePath + "/billing", [("serviceCode", "H0038")])
            #expect(partial.status == .seeOther, "an incomplete record can be saved and finished later")
            let after = try await worker.get(notePath)
            #expect(after.contains("Missing: Intervention;"))
            #expect(!after.contains("Missing: Service code"))
            #expect(try await context.auditEntries(action: Action.documentBilling.rawValue).count == 1)
        }
    }

    @Test func signingWithoutACredentialIsExplainedAndNothingIsSaved() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await NoteVersionTests.savedNote(context)
            try await Self.switchOn(context)
            try await worker.get(notePath + "/billing")
            let page = try await worker.post(
                notePath + "/billing", Self.complete.filter { $0.0 != "credential" } + [("credential", " ")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("Add your credential to sign"))
            #expect(page.contains("Walked and talked about the week."), "what was typed is kept")
            #expect(try await BillingRecord.query(on: context.db).count() == 0)
        }
    }

    @Test func theWorkersSupervisorSignsOffACompleteRecordAndNobodyElseCan() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await NoteVersionTests.savedNote(context)
            try await Self.switchOn(context)
            try await worker.get(notePath + "/billing")
            _ = try await worker.post(notePath + "/billing", Self.complete)
            #expect((try await worker.get(notePath)).contains("Complete, waiting for a supervisor to sign it off."))
            let id = try #require(notePath.split(separator: "/").last)

            let lee = try await context.signedInClient("lee.fairweather@demo.alongside.test")
            #expect(try await lee.get("/supervision/billing/\(id)").status == .notFound, "not Sam's supervisor")

            _ = try await SupervisionTests.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            let overview = try await priya.get("/supervision")
            #expect(overview.contains("Billing records to sign off"))
            let review = try await priya.get("/supervision/billing/\(id)")
            #expect(review.contains("H0038"))
            #expect(!review.contains("We walked to the beach."), "the shared note is not part of the billing layer")
            let signed = try await priya.post("/supervision/billing/\(id)")
            #expect(signed.status == .seeOther)
            #expect((try await worker.get(notePath)).contains("Complete and signed off."))

            // Changing the record afterwards means it must be signed off again.
            try await worker.get(notePath + "/billing")
            _ = try await worker.post(notePath + "/billing", Self.complete.filter { $0.0 != "nextSteps" } + [("nextSteps", "Call Friday.")])
            #expect((try await worker.get(notePath)).contains("waiting for a supervisor"))
        }
    }

    @Test func theSupervisorSendsARecordBackSayingWhyAndItComesBackOnceSignedAgain() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await NoteVersionTests.savedNote(context)
            // A time with a fraction of a second, as in life: SQLite gives stored times back rounded.
            context.clock.advance(by: 0.444_444_4)
            try await Self.switchOn(context)
            try await worker.get(notePath + "/billing")
            _ = try await worker.post(notePath + "/billing", Self.complete)
            let id = try #require(notePath.split(separator: "/").last)
            _ = try await SupervisionTests.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            try await priya.get("/supervision/billing/\(id)")
            let empty = try await priya.post("/supervision/billing/\(id)/return", [("reason", "  ")])
            #expect(empty.status == .unprocessableEntity && empty.contains("Say what needs changing"))
            #expect(try await BillingRecord.query(on: context.db).first()?.signedBy != nil, "nothing changed")
            let sent = try await priya.post("/supervision/billing/\(id)/return", [("reason", "The service code should be H0038-HQ.")])
            #expect(sent.location == "/supervision?done=sentBack")
            #expect(!(try await priya.get("/supervision")).contains("Billing records to sign off"), "no longer waiting for her")
            #expect(try await worker.get("/inbox").contains("sent a billing record back to you"))
            let form = try await worker.get(notePath + "/billing")
            #expect(form.contains("Sent back to you on") && form.contains("The service code should be H0038-HQ."))
            _ = try await worker.post(notePath + "/billing", Self.complete)
            #expect(try await priya.get("/supervision").contains("Billing records to sign off"))
            #expect(try await BillingRecord.query(on: context.db).first()?.returnReason == nil)
            #expect(
                try await context.auditEntries(action: Action.signOffBilling.rawValue).contains { $0.detail == "sent back to the worker" })
            // Opened, then the worker signs again: the supervisor's older view can't be signed off.
            try await priya.get("/supervision/billing/\(id)")
            let signedAt = try #require(try await BillingRecord.query(on: context.db).first()?.signedAt)
            let refused = try await priya.post("/supervision/billing/\(id)", [("signed", String(Int(signedAt.timeIntervalSince1970) - 60))])
            #expect(refused.status == .conflict && refused.contains("changed while you had it open"))
            #expect(try await BillingRecord.query(on: context.db).first()?.signedOffAt == nil)
            let fresh = try await priya.post("/supervision/billing/\(id)", [("signed", String(Int(signedAt.timeIntervalSince1970)))])
            #expect(fresh.status == .seeOther, "as seen: signed off")
        }
    }

    @Test func quietDaysAreTheOrganisationsOwnAndOutOfRangeIsExplained() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get("/admin/settings")
            let bad = try await coordinator.post("/admin/settings", [("quietDays", "1"), ("documentationStandard", "none")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("Choose between 3 and 365 days."))
            _ = try await coordinator.post("/admin/settings", [("quietDays", "7"), ("documentationStandard", "none")])
            let organisation = try #require(
                try await Organisation.query(on: context.db).filter(\.$name == DemoData.organisationName).first())
            #expect(organisation.quietDays == 7)
            let peerWorker = try await context.signedInClient("peerworker@demo.alongside.test")
            #expect(try await peerWorker.get("/admin/settings").status == .forbidden)
        }
    }
}
