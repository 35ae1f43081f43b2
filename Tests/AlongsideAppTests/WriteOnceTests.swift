import AlongsideDomain
import Fluent
import SQLKit
import Testing

@testable import AlongsideApp

/// A follow-up or a closing is written once: of two people racing, the first is kept.
@Suite struct WriteOnceTests {
    @Test func theSecondWriterIsToldAndTheFirstIsKept() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let sam = try await context.demoAccount(.peerWorker)
            let organisation = sam.$organisation.id
            let notice = InboxNotification(
                organisationID: organisation, to: try sam.requireID(), kind: .planChanged, message: "A change.", link: .inbox,
                at: context.clock.now)
            try await notice.create(on: context.db)
            let first = context.clock.now.addingTimeInterval(60)
            try await WriteOnce.apply(
                InboxNotification.schema, id: try notice.requireID(), organisationID: organisation, whileEmpty: "read_at",
                on: context.db
            ) { $0.set("read_at", to: SQLBind(first)) }
            await #expect(throws: WriteOnce.AlreadyWritten.self) {
                try await WriteOnce.apply(
                    InboxNotification.schema, id: try notice.requireID(), organisationID: organisation, whileEmpty: "read_at",
                    on: context.db
                ) { $0.set("read_at", to: SQLBind(first.addingTimeInterval(60))) }
            }
            let stored = try #require(try await InboxNotification.find(notice.requireID(), on: context.db))
            #expect(stored.readAt == first)
            // Nor does anyone from another organisation, even where the column is empty.
            let unread = InboxNotification(
                organisationID: organisation, to: try sam.requireID(), kind: .planChanged, message: "Another.", link: .inbox,
                at: context.clock.now)
            try await unread.create(on: context.db)
            await #expect(throws: WriteOnce.AlreadyWritten.self) {
                try await WriteOnce.apply(
                    InboxNotification.schema, id: try unread.requireID(), organisationID: UUID(), whileEmpty: "read_at", on: context.db
                ) { $0.set("read_at", to: SQLBind(first)) }
            }
            #expect(try await InboxNotification.find(unread.requireID(), on: context.db)?.readAt == nil)
        }
    }
}
