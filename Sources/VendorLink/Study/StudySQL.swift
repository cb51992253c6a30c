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
