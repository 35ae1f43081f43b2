import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct AdminTests {
    @Test func anAdminChangesSomeonesRolesAndItIsAudited() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let id = try tama.requireID()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts/\(id.uuidString)")
            let page = try await admin.post(
                "/admin/accounts/\(id.uuidString)/roles", [("roles[]", "peerworker"), ("roles[]", "supervisor")])
            #expect(page.status == .seeOther)
            #expect(
                try await AccountQueries.roles(of: id, organisationID: tama.$organisation.id, on: context.db) == [.peerWorker, .supervisor])
            let audit = try await context.auditEntries(action: Action.changeRoles.rawValue)
            #expect(audit.last?.detail == "roles peerworker -> peerworker,supervisor")
        }
    }

    @Test func rolesCannotBeEmptyOrUnknownAndNothingChanges() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let id = try tama.requireID()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts/\(id.uuidString)")
            let none = try await admin.post("/admin/accounts/\(id.uuidString)/roles", [])
            #expect(none.status == .unprocessableEntity)
            #expect(none.contains("Choose at least one role"))
            let unknown = try await admin.post("/admin/accounts/\(id.uuidString)/roles", [("roles[]", "root")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await AccountQueries.roles(of: id, organisationID: tama.$organisation.id, on: context.db) == [.peerWorker])
        }
    }

    /// Nobody changes their own roles (another admin decides), so the last admin can't stop being one.
    @Test func theLastAdminCannotGiveUpBeingAdmin() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let me = try await context.demoAccount(.admin)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts/\(try me.requireID().uuidString)")
            let page = try await admin.post("/admin/accounts/\(try me.requireID().uuidString)/roles", [("roles[]", "coordinator")])
            #expect(page.status == .forbidden)
            #expect(page.contains("change your own roles"))
            #expect(try await AccountQueries.activeAdminCount(in: me.$organisation.id, on: context.db) == 1)
        }
    }

    @Test func deactivationSignsThePersonOutKeepsTheirHistoryAndCanBeUndone() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let sam = try await context.demoAccount(.peerWorker)
            let id = try sam.requireID()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts/\(id.uuidString)")
            try await admin.post("/admin/accounts/\(id.uuidString)/deactivate")
            #expect(try await worker.get("/home").location?.hasPrefix("/login") == true)
            #expect(try await Account.find(id, on: context.db)?.deactivatedAt != nil)
            #expect(!(try await context.auditEntries(action: Action.signIn.rawValue).filter { $0.actorID == id }.isEmpty))

            try await admin.get("/admin/accounts/\(id.uuidString)")
            try await admin.post("/admin/accounts/\(id.uuidString)/reactivate")
            #expect(try await Account.find(id, on: context.db)?.isActive == true)
        }
    }

    @Test func anAdminCannotDeactivateThemselves() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let me = try await context.demoAccount(.admin)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts")
            let page = try await admin.post("/admin/accounts/\(try me.requireID().uuidString)/deactivate")
            #expect(page.status == .forbidden)
            #expect(page.contains("You can&#39;t deactivate your own account") || page.contains("You can't deactivate your own account"))
            #expect(try await context.demoAccount(.admin).isActive)
        }
    }

    @Test func anIdFromAnotherOrganisationIsNotFoundAndTheAttemptIsAudited() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let outsider = try await context.otherOrganisationAdmin()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts")
            let id = try outsider.requireID().uuidString
            #expect(try await admin.get("/admin/accounts/\(id)").status == .notFound)
            #expect(try await admin.post("/admin/accounts/\(id)/deactivate").status == .notFound)
            #expect(try await admin.get("/admin/accounts/not-a-uuid").status == .notFound)
            #expect(try await Account.find(outsider.id, on: context.db)?.isActive == true)
            let denied = try await context.auditEntries(action: Action.deactivateAccount.rawValue).filter { $0.outcome == "denied" }
            #expect(denied.count == 1)
        }
    }

    @Test func theAccountsListShowsOnlyThisOrganisation() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            _ = try await context.otherOrganisationAdmin()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let page = try await admin.get("/admin/accounts")
            #expect(page.contains("Tama Wiremu"))
            #expect(page.contains("Chris Dunmore"))
            #expect(!page.contains("Rua Harbour"))
        }
    }
}
