extension Schema {
  /// Views that answer the study's questions directly; documented in docs/SCHEMA-views.md.
  ///
  /// Views hold no data, so they are dropped and re-created on every open: a database always
  /// carries the definitions of the tool that last opened it. Conventions shared by all:
  /// a crawl is `(market, observed)`; a vendor's country in a crawl is every physical
  /// country (ISO code, regions set aside) its listings ship from in that crawl; a sale is a
  /// feedback, counted in the crawl that first saw it (`feedback.observed`), for each
  /// country its vendor ships from in that crawl.
  static var views: String {
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

/// The SELECTs behind the study's main views, with the relations they read as parameters:
/// the views use the defaults (other views); the report passes temporary tables it filled
/// once from the same SELECTs, so a large crawl is scanned once, not once per question, and
/// the report and the views can never disagree (one definition each).
enum StudySQL {
  static var accountCrawlCountry: String {
    """
      SELECT l.account_id, l.market, lp.observed, lp.place AS country,
             COUNT(*) AS listings
      FROM listing_places lp JOIN listings l ON l.listing_id = lp.listing_id
      WHERE lp.role = 'from' AND \(PhysicalPlace.sqlIsCountry("lp.place"))
      GROUP BY l.account_id, l.market, lp.observed, lp.place
    """
  }

  static var crawls: String {
    """
      SELECT c.market, c.observed, c.vendors, c.listings,
             COALESCE(s.sales, 0) AS sales, COALESCE(s.revenue_eur, 0) AS revenue_eur,
             m.closed AS market_closed,
             CASE WHEN m.closed IS NOT NULL AND c.observed > m.closed THEN 1 ELSE 0 END
               AS after_closure
      FROM (SELECT l.market, lo.observed, COUNT(DISTINCT l.account_id) AS vendors,
                   COUNT(*) AS listings
            FROM listing_observations lo JOIN listings l ON l.listing_id = lo.listing_id
            GROUP BY l.market, lo.observed) c
      LEFT JOIN (SELECT a.market, f.observed, COUNT(*) AS sales,
                        SUM(f.price_eur) AS revenue_eur
                 FROM feedback f JOIN accounts a ON a.account_id = f.account_id
                 GROUP BY a.market, f.observed) s
        ON s.market = c.market AND s.observed = c.observed
      LEFT JOIN markets m ON m.market = c.market
    """
  }

  static var accountCrawlSales: String {
    """
      SELECT account_id, observed, COUNT(*) AS sales, SUM(price_eur) AS revenue_eur,
             MAX(price_eur) AS largest_eur, SUM(price_eur < 200) AS sales_under_200,
             SUM(CASE WHEN price_eur >= 200 THEN price_eur ELSE 0 END) AS revenue_200_plus
      FROM feedback GROUP BY account_id, observed
    """
  }

  static func countryCrawl(
    acc: String = "v_account_crawl_country", sales: String = "v_account_crawl_sales"
  ) -> String {
    """
      SELECT v.market, v.observed, v.country, v.vendors, v.listings,
             COALESCE(s.sales, 0) AS sales, COALESCE(s.revenue_eur, 0) AS revenue_eur
      FROM (SELECT market, observed, country, COUNT(*) AS vendors, SUM(listings) AS listings
            FROM \(acc) GROUP BY market, observed, country) v
      LEFT JOIN (SELECT acc.market, acc.observed, acc.country, SUM(s.sales) AS sales,
                        SUM(s.revenue_eur) AS revenue_eur
                 FROM \(acc) acc JOIN \(sales) s
                   ON s.account_id = acc.account_id AND s.observed = acc.observed
                 GROUP BY acc.market, acc.observed, acc.country) s
        ON s.market = v.market AND s.observed = v.observed AND s.country = v.country
    """
  }

  static func countryShare(countryCrawl: String = "v_country_crawl", crawls: String = "v_crawls")
    -> String
  {
    """
      SELECT cc.market, cc.observed, cc.country,
             cc.vendors, 1.0 * cc.vendors / c.vendors AS vendor_share,
             cc.listings, 1.0 * cc.listings / c.listings AS listing_share,
             cc.sales, CASE WHEN c.sales > 0 THEN 1.0 * cc.sales / c.sales END AS sale_share,
             cc.revenue_eur,
             CASE WHEN c.revenue_eur > 0 THEN cc.revenue_eur / c.revenue_eur END
               AS revenue_share
      FROM \(countryCrawl) cc JOIN \(crawls) c
        ON c.market = cc.market AND c.observed = cc.observed
    """
  }

  static func productMix(acc: String = "v_account_crawl_country") -> String {
    """
      SELECT l.market, '*' AS country,
             CASE WHEN lo.category LIKE 'Drugs/%' THEN substr(lo.category, 7)
                  ELSE COALESCE(lo.category, 'Unknown') END AS product,
             COUNT(DISTINCT lo.listing_id) AS listings
      FROM listing_observations lo JOIN listings l ON l.listing_id = lo.listing_id
      GROUP BY l.market, product
      UNION ALL
      SELECT l.market, acc.country,
             CASE WHEN lo.category LIKE 'Drugs/%' THEN substr(lo.category, 7)
                  ELSE COALESCE(lo.category, 'Unknown') END AS product,
             COUNT(DISTINCT lo.listing_id) AS listings
      FROM listing_observations lo
      JOIN listings l ON l.listing_id = lo.listing_id
      JOIN \(acc) acc
        ON acc.account_id = l.account_id AND acc.observed = lo.observed
      GROUP BY l.market, acc.country, product
    """
  }

  static func shipTo(acc: String = "v_account_crawl_country") -> String {
    """
      SELECT acc.market, acc.country, lp.place,
             COUNT(DISTINCT acc.account_id) AS vendors, COUNT(DISTINCT lp.listing_id) AS listings
      FROM \(acc) acc
      JOIN listings l ON l.account_id = acc.account_id
      JOIN listing_places lp
        ON lp.listing_id = l.listing_id AND lp.observed = acc.observed AND lp.role = 'to'
      GROUP BY acc.market, acc.country, lp.place
    """
  }

  static func saleSizes(
    acc: String = "v_account_crawl_country", sales: String = "v_account_crawl_sales"
  ) -> String {
    """
      SELECT acc.market, acc.country, SUM(s.sales) AS sales,
             SUM(s.revenue_eur) / SUM(s.sales) AS mean_eur, MAX(s.largest_eur) AS largest_eur,
             SUM(s.revenue_eur) AS revenue_eur,
             1.0 * SUM(s.sales_under_200) / SUM(s.sales) AS share_under_200,
             SUM(s.revenue_200_plus) / SUM(s.revenue_eur) AS revenue_share_200_plus
      FROM \(acc) acc JOIN \(sales) s
        ON s.account_id = acc.account_id AND s.observed = acc.observed
      GROUP BY acc.market, acc.country
    """
  }
}
