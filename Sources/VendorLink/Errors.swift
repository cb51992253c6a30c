/// A defect in one input record: where it is (file, line, field) and what is wrong.
/// The message describes the problem without echoing the vendor's text (sensitive by default).
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
  public let file: String
  public let line: Int
  public let field: String?
  public let message: String

  public init(file: String, line: Int, field: String?, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String {
    "\(file):\(line): \(field.map { "field '\($0)': " } ?? "")\(message)"
  }
}

/// The whole input was refused (exit code 3): a crawl rolled back under `--on-error abort`,
/// a file with no usable records, a text with no keys.
public struct InputRejected: Error, CustomStringConvertible, Sendable {
  public let message: String
  public let errors: [InputError]
  public init(_ message: String, errors: [InputError] = []) {
    self.message = message
    self.errors = errors
  }
  public var description: String {
    ([message] + errors.prefix(20).map(\.description)).joined(separator: "\n")
  }
}

/// A failure of the run itself (exit code 1), not of its input.
public struct RuntimeFailure: Error, CustomStringConvertible, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
