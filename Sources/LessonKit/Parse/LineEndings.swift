/// Lessons saved on Windows (CRLF) or old Macs (CR) read exactly like LF ones.
enum LineEndings {
    /// `text` with every CRLF and lone CR turned into LF; line numbers stay the same.
    static func normalized(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(13) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == 10, previousWasCR { previousWasCR = false; continue }  // the LF of a CRLF
            previousWasCR = byte == 13
            output.append(byte == 13 ? 10 : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
