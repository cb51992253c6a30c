extension Schema {
  /// Every module's tables and views, in the order they are created: Store applies them
  /// (`Schema.open`) without knowing what they hold, and each part is declared by the module
  /// that writes or owns it: core and ingest tables (Store/Schema.swift), linking's
  /// (Linking/LinkingSchema.swift), flags' (Flags/Schema+Flags.swift), then the study's
  /// views (Study/StudyViews.swift), last because they read the tables.
  static var parts: [String] { [core, ingest, linking, flags, StudyViews.sql] }

  /// Columns tables gained after databases were made without them, added on open: the
  /// comparison columns of `matches` (Linking/LinkingSchema.swift).
  static var addedColumns: [AddedColumn] { linkingAddedColumns }
}
