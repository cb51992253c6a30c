extension Schema {
  /// Views that answer the study's questions directly (docs/SCHEMA.md lists them).
  static let views = """
    CREATE VIEW IF NOT EXISTS v_vendor_country AS
      SELECT l.account_id, lo.observed, lp.place AS country, COUNT(*) AS listings
      FROM listing_observations lo
      JOIN listings l USING (listing_id)
      JOIN listing_places lp ON lp.listing_id = lo.listing_id AND lp.observed = lo.observed
        AND lp.role = 'from'
      GROUP BY l.account_id, lo.observed, lp.place;
    CREATE VIEW IF NOT EXISTS v_vendors_per_market_crawl AS
      SELECT a.market, vc.observed, vc.country, COUNT(DISTINCT vc.account_id) AS vendors
      FROM v_vendor_country vc JOIN accounts a USING (account_id)
      GROUP BY a.market, vc.observed, vc.country;
    """
}
