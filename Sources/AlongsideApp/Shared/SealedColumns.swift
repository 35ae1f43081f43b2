/// Every column whose values `FieldCipher` seals: the free text, and the second factor's secret.
enum SealedColumns {
    static let all: [(table: String, column: String)] =
        FreeTextColumns.all.sorted { $0.key < $1.key }.flatMap { table, columns in columns.map { (table, $0) } }
        + [("accounts", "totp_secret")]
}
