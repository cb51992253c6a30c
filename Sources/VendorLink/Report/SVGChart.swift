import Foundation

/// Inline SVG for the report's charts: no script, no external resource, so the page opens
/// offline and in locked-down browsers. Colours are the Okabe–Ito palette (readable with
/// colour-blindness).
enum SVGChart {
  static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]

  static func render(_ chart: ReportChart) -> String {
    switch chart {
    case .lines(let c): return lines(c)
    case .bars(let c): return bars(c)
    }
  }

  // MARK: lines over dates

  static func lines(_ c: LineChart) -> String {
    let w = 560.0
    let h = 280.0
    let left = 58.0
    let right = 28.0
    let top = 44.0
    let bottom = 36.0
    let points = c.series.flatMap(\.points)
    let days = points.compactMap { Day($0.0)?.number }
    guard let minDay = days.min(), let maxDay = days.max() else {
      return empty(c.title, width: w)
    }
    let span = Double(max(1, maxDay - minDay))
    let yMax = niceMax(points.map(\.1).max() ?? 1)
    func x(_ day: Int) -> Double { left + Double(day - minDay) / span * (w - left - right) }
    func y(_ v: Double) -> Double { top + (1 - v / yMax) * (h - top - bottom) }
    var s = open(w, h, c.title)
    // Y grid and labels: steps of 1, 2 or 5 times a power of ten.
    let ticks = tickCount(yMax)
    for i in 0...ticks {
      let v = yMax * Double(i) / Double(ticks)
      s += line(left, y(v), w - right, y(v), stroke: "#ddd")
      s += text(left - 6, y(v) + 4, label(v, percent: c.percent), anchor: "end", size: 11)
    }
    // X labels: up to six crawl dates, evenly spread.
    let uniqueDays = Array(Set(points.map(\.0))).sorted()
    let step = max(1, Int((Double(uniqueDays.count) / 6).rounded(.up)))
    for (i, d) in uniqueDays.enumerated() where i % step == 0 {
      guard let n = Day(d)?.number else { continue }
      s += line(x(n), h - bottom, x(n), h - bottom + 4, stroke: "#999")
      let anchor = x(n) > w - right - 20 ? "end" : (x(n) < left + 20 ? "start" : "middle")
      s += text(x(n), h - bottom + 16, String(d.prefix(7)), anchor: anchor, size: 11)
    }
    s += line(left, h - bottom, w - right, h - bottom, stroke: "#999")
    // Closure markers inside the range.
    for m in c.markers {
      guard let n = Day(m.day)?.number, n >= minDay, n <= maxDay else { continue }
      s +=
        "<line x1=\"\(f(x(n)))\" y1=\"\(f(top - 4))\" x2=\"\(f(x(n)))\" y2=\"\(f(h - bottom))\" "
        + "stroke=\"#B00020\" stroke-dasharray=\"4 3\"/>"
      s += text(x(n) + 3, top + 8, m.label, anchor: "start", size: 10, fill: "#B00020")
    }
    // Series.
    for (k, series) in c.series.enumerated() {
      let colour = palette[k % palette.count]
      let pts = series.points.compactMap { p in Day(p.0).map { (x($0.number), y(p.1), p) } }
      if pts.count > 1 {
        s +=
          "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\""
          + pts.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>"
      }
      for p in pts {
        s +=
          "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"2.5\" fill=\"\(colour)\">"
          + "<title>\(HTMLReport.escape(series.name)) \(p.2.0): "
          + "\(label(p.2.1, percent: c.percent))</title></circle>"
      }
    }
    s += legend(c.series.map(\.name), x: left, y: 30)
    return s + "</svg>"
  }

  // MARK: horizontal bars

  static func bars(_ c: BarChart) -> String {
    let w = 560.0
    let labelWidth = 150.0
    let right = 60.0
    let barH = 12.0
    let groupGap = 8.0
    let top = c.seriesNames.count > 1 ? 44.0 : 30.0
    let groupH = Double(c.seriesNames.count) * barH + groupGap
    let h = top + Double(max(1, c.groups.count)) * groupH + 8
    guard !c.groups.isEmpty else { return empty(c.title, width: w) }
    let vMax = max(c.groups.flatMap(\.values).max() ?? 0, 1e-12)
    var s = open(w, h, c.title)
    for (g, group) in c.groups.enumerated() {
      let y0 = top + Double(g) * groupH
      s += text(
        labelWidth - 6, y0 + Double(c.seriesNames.count) * barH / 2 + 4,
        truncate(group.label, 24), anchor: "end", size: 11)
      for (k, v) in group.values.enumerated() {
        let bw = max(0, v / vMax * (w - labelWidth - right))
        let y = y0 + Double(k) * barH
        s +=
          "<rect x=\"\(f(labelWidth))\" y=\"\(f(y))\" width=\"\(f(bw))\" "
          + "height=\"\(f(barH - 2))\" fill=\"\(palette[k % palette.count])\">"
          + "<title>\(HTMLReport.escape(group.label)): \(label(v, percent: c.percent))</title></rect>"
        s += text(labelWidth + bw + 4, y + barH - 3, label(v, percent: c.percent), size: 10)
      }
    }
    if c.seriesNames.count > 1 { s += legend(c.seriesNames, x: labelWidth, y: 30) }
    return s + "</svg>"
  }

  // MARK: pieces

  static func open(_ w: Double, _ h: Double, _ title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(w))\" height=\"\(f(h))\" "
      + "viewBox=\"0 0 \(f(w)) \(f(h))\" role=\"img\" aria-label=\"\(HTMLReport.escape(title))\">"
      + text(8, 16, title, size: 13, weight: "bold")
  }

  static func empty(_ title: String, width: Double) -> String {
    open(width, 50, title) + text(8, 38, "no data", size: 11, fill: "#777") + "</svg>"
  }

  static func legend(_ names: [String], x: Double, y: Double) -> String {
    var s = ""
    var cx = x
    for (k, n) in names.enumerated() {
      s +=
        "<rect x=\"\(f(cx))\" y=\"\(f(y - 9))\" width=\"10\" height=\"10\" "
        + "fill=\"\(palette[k % palette.count])\"/>"
      s += text(cx + 14, y, n, size: 11)
      cx += 24 + Double(n.count) * 6.5
    }
    return s
  }

  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String)
    -> String
  {
    "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>"
  }

  static func text(
    _ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Int = 12,
    fill: String = "#222", weight: String = "normal"
  ) -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" "
      + "fill=\"\(fill)\" font-weight=\"\(weight)\">\(HTMLReport.escape(s))</text>"
  }

  static func label(_ v: Double, percent: Bool) -> String {
    if percent { return format(v * 100, decimals: v * 100 < 10 ? 1 : 0) + "%" }
    if v >= 10_000 { return grouped(format(v, decimals: 0)) }
    return format(v, decimals: v == v.rounded() ? 0 : 1)
  }

  /// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten.
  static func niceMax(_ v: Double) -> Double {
    guard v > 0, v.isFinite else { return 1 }
    let p = pow(10, floor(log10(v)))
    for m in [1.0, 2, 2.5, 5, 10] where m * p >= v { return m * p }
    return 10 * p
  }

  /// Grid lines for an axis up to `niceMax`: 4 for a mantissa of 2 (steps of 0.5), else 5.
  static func tickCount(_ max: Double) -> Int {
    let mantissa = max / pow(10, floor(log10(max)))
    return abs(mantissa - 2) < 1e-9 ? 4 : 5
  }

  static func truncate(_ s: String, _ n: Int) -> String {
    s.count <= n ? s : String(s.prefix(n - 1)) + "…"
  }

  static func f(_ d: Double) -> String { format(d, decimals: 1) }
}
