import AlongsideDomain
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Hands one message to a mail server by SMTP submission (RFC 6409): EHLO, STARTTLS where the
/// settings ask for it, AUTH PLAIN when there are credentials, then MAIL, RCPT and DATA. One
/// connection per message: messages are few, and a fresh connection never carries a stale state.
struct SMTPClient: Sendable {
    let settings: MailSettings

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(to recipient: String, subject: String, body: String, messageID: String, at date: Date) async throws {
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPLineHandler(continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch {
            throw Failure(description: "couldn't connect to \(settings.host):\(settings.port) (\(error))")
        }
        // A server that stops answering is cut off, which ends the stream and this exchange.
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(Int64(settings.timeoutSeconds))) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        if settings.security == .tls { try await startTLS(on: channel) }
        var replies = stream.makeAsyncIterator()
        var consumed = 0

        func reply(_ expected: Set<Int>, during step: String) async throws -> [String] {
            var lines: [String] = []
            while true {
                guard let line = try await replies.next() else {
                    throw Failure(description: "the server closed the connection during \(step)")
                }
                consumed += 1
                lines.append(line)
                // "250-..." continues a reply; "250 ..." (or just "250") ends it.
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] == " " { break }
            }
            let code = Int(lines.last!.prefix(3)) ?? 0
            guard expected.contains(code) else {
                throw Failure(description: "the server answered \(lines.last!) during \(step)")
            }
            return lines
        }
        func command(_ line: String, expect: Set<Int>, during step: String) async throws -> [String] {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            return try await reply(expect, during: step)
        }

        _ = try await reply([220], during: "the greeting")
        var capabilities = try await command("EHLO \(settings.helloName)", expect: [250], during: "EHLO")
        if settings.security == .startTLS {
            guard capabilities.contains(where: { $0.dropFirst(4).uppercased().hasPrefix("STARTTLS") }) else {
                throw Failure(description: "the server doesn't offer STARTTLS, and the settings require it")
            }
            _ = try await command("STARTTLS", expect: [220], during: "STARTTLS")
            // Anything the server sent beyond its answer arrived before encryption, so anyone on
            // the way could have written it: refuse rather than read it as an encrypted reply.
            let read = consumed
            let clean = try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.handler(type: SMTPLineHandler.self).isDrained(consumed: read)
            }.get()
            guard clean else { throw Failure(description: "the server sent more than its answer to STARTTLS") }
            try await startTLS(on: channel)
            capabilities = try await command("EHLO \(settings.helloName)", expect: [250], during: "EHLO after STARTTLS")
        }
        if let username = settings.username, let password = settings.password {
            let credentials = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            _ = try await command("AUTH PLAIN \(credentials)", expect: [235], during: "signing in to the server")
        }
        _ = try await command("MAIL FROM:<\(settings.fromAddress)>", expect: [250], during: "MAIL FROM")
        _ = try await command("RCPT TO:<\(recipient)>", expect: [250, 251], during: "RCPT TO")
        _ = try await command("DATA", expect: [354], during: "DATA")
        let message = MailFormat.message(
            from: settings.fromAddress, fromName: settings.fromName, to: recipient, subject: subject, body: body,
            messageID: messageID, date: date)
        _ = try await command(MailFormat.dotStuffed(message) + "\r\n.", expect: [250], during: "sending the message")
        _ = try? await command("QUIT", expect: [221], during: "QUIT")
    }

    private func startTLS(on channel: any Channel) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile { configuration.trustRoots = .file(file) }
        let context = try NIOSSLContext(configuration: configuration)
        let host = settings.host
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                // For an address, there is no name to send: NIOSSL then checks the certificate against the address.
                try NIOSSLClientHandler(
                    context: context, serverHostname: (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil),
                position: .first)
        }.get()
    }
}

/// Splits what the server sends into lines, for `SMTPClient` to read one reply at a time.
final class SMTPLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<String, any Error>.Continuation
    private var pending: [UInt8] = []
    private var yielded = 0

    /// Whether every line received has been read, and nothing is waiting half-received.
    func isDrained(consumed: Int) -> Bool { pending.isEmpty && yielded == consumed }

    init(_ continuation: AsyncThrowingStream<String, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if let bytes = buffer.readBytes(length: buffer.readableBytes) { pending.append(contentsOf: bytes) }
        // Replies are short; a server that sends endless bytes without a line end is cut off.
        guard pending.count < 64 * 1024 else {
            continuation.finish(throwing: SMTPClient.Failure(description: "the server sent an over-long line"))
            context.close(promise: nil)
            return
        }
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<end])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            pending.removeSubrange(...end)
            yielded += 1
            continuation.yield(String(decoding: line, as: UTF8.self))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
