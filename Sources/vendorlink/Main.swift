import ArgumentParser
import Foundation
import VendorLink

/// The `vendorlink` command. Exit codes (DESIGN.md): 0 success, 1 runtime failure,
/// 2 usage error, 3 input rejected.
struct VendorLinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vendorlink",
    abstract:
      "Link vendor accounts across dark-web market crawls; flag shipping and wholesale patterns.",
    discussion: """
      Every conclusion is written, with its evidence, to one SQLite file (--db).
      Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 input rejected. The
      tool makes no network calls.
      """,
    version: VendorLinkVersion.string,
    subcommands: [
      RunCommand.self, IngestCommand.self, StatsCommand.self, KeysCommand.self,
      LinkCommand.self, TrainCommand.self, ExplainCommand.self, FlagCommand.self,
      ReportCommand.self, ExportCommand.self, SynthCommand.self, RepriceCommand.self,
    ]
  )
}

/// Options shared by every command that works on a database.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: "The SQLite database file (created private to you when missing).")
  var db: String
}

@main
enum Main {
  static func main() {
    do {
      var command = try VendorLinkCommand.parseAsRoot()
      try command.run()
    } catch {
      exit(with: error)
    }
  }

  static func exit(with error: Error) -> Never {
    switch error {
    case let e as InputRejected:
      FileHandle.standardError.write(Data("vendorlink: input rejected: \(e)\n".utf8))
      Foundation.exit(3)
    case let e as InputError:
      FileHandle.standardError.write(Data("vendorlink: input rejected: \(e)\n".utf8))
      Foundation.exit(3)
    case let e as RuntimeFailure:
      FileHandle.standardError.write(Data("vendorlink: \(e)\n".utf8))
      Foundation.exit(1)
    case let e as DatabaseError:
      FileHandle.standardError.write(Data("vendorlink: \(e)\n".utf8))
      Foundation.exit(1)
    default:
      let code = VendorLinkCommand.exitCode(for: error)
      if code == .success || error is CleanExit {
        VendorLinkCommand.exit(withError: error)
      }
      if code == .validationFailure || error is ValidationError {
        // ArgumentParser's usage errors (64) become our contract's 2.
        let message = VendorLinkCommand.fullMessage(for: error)
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        Foundation.exit(2)
      }
      if let e = error as? ExitCode { Foundation.exit(e.rawValue) }
      FileHandle.standardError.write(Data("vendorlink: \(error)\n".utf8))
      Foundation.exit(1)
    }
  }
}
