/// A date known to the day, the month or only the year; the precision is kept for display.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public enum Precision: Sendable { case year, month, day }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    public enum ParseError: Error, Equatable, Sendable {
        case format
        /// Year 0 does not exist (the year before 1 is 1 BC), and `<time datetime>` refuses it.
        case year
        case month(Int)
        case day(Int, daysInMonth: Int)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the day must exist in that month.
    public static func parse(_ text: String) -> Result<PartialDate, ParseError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
            parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return .failure(.format) }
        let numbers = parts.compactMap { Int($0) }
        let year = numbers[0]
        guard year >= 1 else { return .failure(.year) }
        guard numbers.count > 1 else { return .success(PartialDate(year: year)) }
        let month = numbers[1]
        guard (1...12).contains(month) else { return .failure(.month(month)) }
        guard numbers.count > 2 else { return .success(PartialDate(year: year, month: month)) }
        let day = numbers[2]
        let days = Self.daysIn(month: month, year: year)
        guard (1...days).contains(day) else { return .failure(.day(day, daysInMonth: days)) }
        return .success(PartialDate(year: year, month: month, day: day))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The ISO form at this precision, as `<time datetime>` takes it: `2025`, `2025-08`, `2025-08-27`.
    public var iso: String {
        var s = String(format4(year))
        if let month { s += "-" + two(month) }
        if let day { s += "-" + two(day) }
        return s
    }

    public var description: String { iso }

    /// The first day this date can mean (`2025-08` → August 1).
    public var firstDay: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day this date can mean (`2025-08` → August 31).
    public var lastDay: PartialDate {
        let m = month ?? 12
        return PartialDate(year: year, month: m, day: day ?? Self.daysIn(month: m, year: year))
    }

    /// The day after this date's last day (`2025-08-31` → September 1, 2025).
    public var next: PartialDate {
        let last = lastDay
        let (m, d) = (last.month ?? 12, last.day ?? 31)
        if d < Self.daysIn(month: m, year: year) { return PartialDate(year: year, month: m, day: d + 1) }
        if m < 12 { return PartialDate(year: year, month: m + 1, day: 1) }
        return PartialDate(year: year + 1, month: 1, day: 1)
    }

    /// Orders by start: a month sorts before the days in it, a year before its months.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "August 27, 2025", "August 2025" or "2025".
    public var displayText: String {
        guard let month else { return String(year) }
        guard let day else { return "\(Self.monthNames[month - 1]) \(year)" }
        return "\(Self.monthNames[month - 1]) \(day), \(year)"
    }

    /// "August 2025", the heading a timeline groups this date under.
    public var monthText: String {
        guard let month else { return String(year) }
        return "\(Self.monthNames[month - 1]) \(year)"
    }
}

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
private func format4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
