/// The study's views, declared here by the module that owns them (Store only applies them:
/// `Schema.parts`).
enum StudyViews {
  /// Views that answer the study's questions directly; documented in docs/SCHEMA-views.md.
  ///
  /// Views hold no data, so they are dropped and re-created on every open: a database always
  /// carries the definitions of the tool that last opened it. Conventions shared by all:
  /// a crawl is `(market, observed)`; a vendor's country in a crawl is every physical
  /// country (ISO code, regions set aside) its listings ship from in that crawl; a sale is a
  /// feedback, counted in the crawl that first saw it (`feedback.observed`), for each
  /// country its vendor ships from in that crawl.
  static var sql: String {
    let names = [
      "v_flags", "v_migrants", "v_sale_sizes", "v_sales", "v_multi_location_pairs",
      "v_multi_location", "v_refuse_to", "v_refusals", "v_ship_to", "v_product_mix",
      "v_country_share", "v_country_crawl", "v_account_crawl_sales", "v_crawls",
      "v_account_crawl_country",
      "v_vendor_country", "v_vendors_per_market_crawl",
    ]
    return names.map { "DROP VIEW IF EXISTS \($0);" }.joined(separator: "\n") + """

      CREATE VIEW v_account_crawl_country AS
      \(StudySQL.accountCrawlCountry);

      CREATE VIEW v_crawls AS
      \(StudySQL.crawls);

      CREATE VIEW v_account_crawl_sales AS
      \(StudySQL.accountCrawlSales);

      CREATE VIEW v_country_crawl AS
      \(StudySQL.countryCrawl());

      CREATE VIEW v_country_share AS
      \(StudySQL.countryShare());

      CREATE VIEW v_product_mix AS
      \(StudySQL.productMix());

      CREATE VIEW v_ship_to AS
      \(StudySQL.shipTo());

      CREATE VIEW v_refusals AS
        SELECT DISTINCT l.account_id, lp.place, 'field' AS source
        FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
        WHERE lp.role = 'exclude'
        UNION
        SELECT f.account_id, j.value, 'flag'
        FROM flags f, json_each(f.details, '$.countries') j
        WHERE f.kind = 'restriction'
        UNION
        SELECT f.account_id, j.value, 'flag'
        FROM flags f, json_each(f.details, '$.regions') j
        WHERE f.kind = 'restriction';

      CREATE VIEW v_refuse_to AS
        SELECT acc.market, acc.country, r.place, COUNT(DISTINCT acc.account_id) AS vendors
        FROM (SELECT DISTINCT account_id, market, country FROM v_account_crawl_country) acc
        JOIN (SELECT DISTINCT account_id, place FROM v_refusals) r
          ON r.account_id = acc.account_id
        GROUP BY acc.market, acc.country, r.place;

      CREATE VIEW v_multi_location AS
        SELECT account_id, market, observed, COUNT(*) AS countries,
               group_concat(country, '+') AS places
        FROM (SELECT * FROM v_account_crawl_country ORDER BY account_id, observed, country)
        GROUP BY account_id, market, observed
        HAVING COUNT(*) > 1;

      CREATE VIEW v_multi_location_pairs AS
        SELECT a.market, a.country AS country_a, b.country AS country_b,
               COUNT(DISTINCT a.account_id) AS vendors
        FROM v_account_crawl_country a JOIN v_account_crawl_country b
          ON b.account_id = a.account_id AND b.observed = a.observed AND b.country > a.country
        GROUP BY a.market, a.country, b.country;

      CREATE VIEW v_sales AS
        SELECT f.feedback_id, a.market, f.account_id, a.vendor, f.listing_id, f.observed,
               f.date, f.price_usd, f.price_eur
        FROM feedback f JOIN accounts a ON a.account_id = f.account_id;

      CREATE VIEW v_sale_sizes AS
      \(StudySQL.saleSizes());

      CREATE VIEW v_flags AS
        SELECT f.kind, a.market, a.vendor, l.listing, f.score, f.details, f.run_id
        FROM flags f JOIN accounts a ON a.account_id = f.account_id
        LEFT JOIN listings l ON l.listing_id = f.listing_id;

      CREATE VIEW v_migrants AS
        SELECT a.market, a.vendor, json_extract(f.details, '$.closedMarket') AS closed_market,
               json_extract(f.details, '$.closed') AS closed,
               json_extract(f.details, '$.firstSeen') AS first_seen,
               json_extract(f.details, '$.daysAfterClosure') AS days_after_closure,
               json_extract(o.value, '$.vendor') AS from_vendor,
               json_extract(o.value, '$.lastSeen') AS from_last_seen,
               json_extract(o.value, '$.probability') AS probability
        FROM flags f JOIN accounts a ON a.account_id = f.account_id,
             json_each(f.details, '$.from') o
        WHERE f.kind = 'migrant';
      """
  }
}
