//! Simulated time.
//!
//! The world never reads the system clock. A [`Timestamp`] is whole seconds since the Unix
//! epoch (UTC); it prints and parses as RFC 3339 (`2026-01-01T00:00:00Z`), the form used by
//! scenario files and CloudTrail's `eventTime`.

use core::fmt;

/// A point in simulated time: whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

/// A span of simulated time in whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(i64);

/// Why a time or duration could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Not of the form `YYYY-MM-DDTHH:MM:SSZ` (or with a `+hh:mm` offset).
    NotRfc3339,
    /// A field is out of range (month 13, day 31 of April, hour 24, ...).
    OutOfRange,
    /// Not of the form `<number><unit>` with unit `s`, `m`, `h` or `d`.
    NotDuration,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotRfc3339 => "expected an RFC 3339 time such as `2026-01-01T00:00:00Z`",
            Self::OutOfRange => "a field of the time is out of range",
            Self::NotDuration => "expected a duration such as `30d`, `12h`, `15m` or `45s`",
        })
    }
}

impl core::error::Error for TimeError {}

const SECS_PER_DAY: i64 = 86_400;
/// Years outside 0001–9999 cannot be written in RFC 3339.
const MIN_SECS: i64 = -62_135_596_800; // 0001-01-01T00:00:00Z
const MAX_SECS: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

impl Timestamp {
    /// The last second RFC 3339 can write, where simulated time ends:
    /// 9999-12-31T23:59:59Z.
    pub const LATEST: Timestamp = Timestamp(MAX_SECS);

    /// The default start of a simulated world: 2026-01-01T00:00:00Z.
    pub const DEFAULT_START: Timestamp = Timestamp(1_767_225_600);

    /// The timestamp `secs` seconds after the epoch, if it can be written in RFC 3339.
    pub fn from_unix_seconds(secs: i64) -> Option<Timestamp> {
        (MIN_SECS..=MAX_SECS)
            .contains(&secs)
            .then_some(Timestamp(secs))
    }

    /// Seconds since the epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±hh:mm)`. Fractions of a second are
    /// dropped (the simulated clock counts whole seconds).
    pub fn parse(text: &str) -> Result<Timestamp, TimeError> {
        let b = text.as_bytes();
        let num = |from: usize, len: usize| -> Result<i64, TimeError> {
            let digits = b.get(from..from + len).ok_or(TimeError::NotRfc3339)?;
            digits.iter().try_fold(0i64, |acc, d| {
                if d.is_ascii_digit() {
                    Ok(acc * 10 + i64::from(d - b'0'))
                } else {
                    Err(TimeError::NotRfc3339)
                }
            })
        };
        let sep = |at: usize, allowed: &[u8]| -> Result<(), TimeError> {
            match b.get(at) {
                Some(c) if allowed.contains(c) => Ok(()),
                _ => Err(TimeError::NotRfc3339),
            }
        };
        let year = num(0, 4)?;
        sep(4, b"-")?;
        let month = num(5, 2)?;
        sep(7, b"-")?;
        let day = num(8, 2)?;
        sep(10, b"Tt ")?;
        let hour = num(11, 2)?;
        sep(13, b":")?;
        let minute = num(14, 2)?;
        sep(16, b":")?;
        let second = num(17, 2)?;
        let mut at = 19;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            if at == start {
                return Err(TimeError::NotRfc3339);
            }
        }
        let offset = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if at + 6 == b.len() => {
                let hours = num(at + 1, 2)?;
                sep(at + 3, b":")?;
                let minutes = num(at + 4, 2)?;
                if hours > 23 || minutes > 59 {
                    return Err(TimeError::OutOfRange);
                }
                let secs = hours * 3600 + minutes * 60;
                if *sign == b'+' { secs } else { -secs }
            }
            _ => return Err(TimeError::NotRfc3339),
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
            || year < 1
        {
            return Err(TimeError::OutOfRange);
        }
        let days = days_from_civil(year, month, day);
        let secs = days * SECS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
        Timestamp::from_unix_seconds(secs).ok_or(TimeError::OutOfRange)
    }

    /// This time plus `d`, saturating at the last second RFC 3339 can write.
    pub fn plus(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(d.0).clamp(MIN_SECS, MAX_SECS))
    }

    /// The time from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> Duration {
        Duration(self.0 - earlier.0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(SECS_PER_DAY);
        let secs = self.0.rem_euclid(SECS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl Duration {
    /// A duration of whole seconds.
    pub const fn seconds(s: i64) -> Duration {
        Duration(s)
    }
    /// A duration of whole minutes (saturating at the longest duration there is).
    pub const fn minutes(m: i64) -> Duration {
        Duration(m.saturating_mul(60))
    }
    /// A duration of whole hours (saturating at the longest duration there is).
    pub const fn hours(h: i64) -> Duration {
        Duration(h.saturating_mul(3600))
    }
    /// A duration of whole days (saturating at the longest duration there is).
    pub const fn days(d: i64) -> Duration {
        Duration(d.saturating_mul(SECS_PER_DAY))
    }
    /// The duration in seconds.
    pub const fn as_seconds(self) -> i64 {
        self.0
    }

    /// Parses `<number><unit>`, unit one of `s`, `m`, `h`, `d` (`30d`, `12h`). The number
    /// is whole and not negative; at most 100 years.
    pub fn parse(text: &str) -> Result<Duration, TimeError> {
        let text = text.trim();
        let unit = text.chars().last().ok_or(TimeError::NotDuration)?;
        let number = text
            .get(..text.len() - unit.len_utf8())
            .ok_or(TimeError::NotDuration)?;
        if number.is_empty() || !number.bytes().all(|c| c.is_ascii_digit()) {
            return Err(TimeError::NotDuration);
        }
        let n: i64 = number.parse().map_err(|_| TimeError::OutOfRange)?;
        let scale = match unit {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => SECS_PER_DAY,
            _ => return Err(TimeError::NotDuration),
        };
        let secs = n.checked_mul(scale).ok_or(TimeError::OutOfRange)?;
        if secs > 100 * 366 * SECS_PER_DAY {
            return Err(TimeError::OutOfRange);
        }
        Ok(Duration(secs))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if s != 0 && s % SECS_PER_DAY == 0 {
            write!(f, "{}d", s / SECS_PER_DAY)
        } else if s != 0 && s % 3600 == 0 {
            write!(f, "{}h", s / 3600)
        } else if s != 0 && s % 60 == 0 {
            write!(f, "{}m", s / 60)
        } else {
            write!(f, "{s}s")
        }
    }
}

/// The simulated clock of a world. It only moves when told to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Clock {
    now: Timestamp,
}

impl Clock {
    /// A clock showing `start`.
    pub fn starting_at(start: Timestamp) -> Clock {
        Clock { now: start }
    }
    /// The current simulated time.
    pub fn now(&self) -> Timestamp {
        self.now
    }
    /// Moves the clock forward to `t` (never backwards).
    pub fn advance_to(&mut self, t: Timestamp) {
        if t > self.now {
            self.now = t;
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::starting_at(Timestamp::DEFAULT_START)
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_from_huge_counts_saturate_instead_of_overflowing() {
        assert_eq!(Duration::days(i64::MAX).as_seconds(), i64::MAX);
        assert_eq!(Duration::hours(i64::MIN).as_seconds(), i64::MIN);
        assert_eq!(Duration::minutes(i64::MAX / 2).as_seconds(), i64::MAX);
        assert_eq!(Duration::days(2).as_seconds(), 172_800);
    }
    use alloc::string::ToString;

    #[test]
    fn default_start_is_new_year_2026() {
        assert_eq!(Timestamp::DEFAULT_START.to_string(), "2026-01-01T00:00:00Z");
        assert_eq!(
            Timestamp::parse("2026-01-01T00:00:00Z"),
            Ok(Timestamp::DEFAULT_START)
        );
    }

    #[test]
    fn parses_offsets_fractions_and_round_trips() {
        let t = Timestamp::parse("2024-02-29T23:59:59.999+01:30").unwrap();
        assert_eq!(t.to_string(), "2024-02-29T22:29:59Z");
        assert_eq!(
            Timestamp::parse("1970-01-01T00:00:00Z")
                .unwrap()
                .unix_seconds(),
            0
        );
        assert_eq!(
            Timestamp::parse("1969-12-31T23:59:59Z")
                .unwrap()
                .unix_seconds(),
            -1
        );
        for s in [0, -1, 951_782_400, 4_102_444_800, MIN_SECS, MAX_SECS] {
            let t = Timestamp::from_unix_seconds(s).unwrap();
            assert_eq!(Timestamp::parse(&t.to_string()), Ok(t));
        }
    }

    #[test]
    fn rejects_malformed_and_out_of_range_times() {
        for bad in [
            "",
            "2026",
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-1-01T00:00:00Z",
            "2026-01-01T00:00:00Zjunk",
            "2026-01-01T00:00:00.Z",
            "２026-01-01T00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(TimeError::NotRfc3339), "{bad}");
        }
        for bad in [
            "2026-13-01T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "0000-01-01T00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(TimeError::OutOfRange), "{bad}");
        }
    }

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(Duration::parse("30d"), Ok(Duration::days(30)));
        assert_eq!(Duration::parse("12h"), Ok(Duration::hours(12)));
        assert_eq!(Duration::parse(" 5m "), Ok(Duration::minutes(5)));
        assert_eq!(Duration::parse("45s"), Ok(Duration::seconds(45)));
        assert_eq!(Duration::days(7).to_string(), "7d");
        assert_eq!(Duration::seconds(90).to_string(), "90s");
        for bad in [
            "",
            "d",
            "-3d",
            "3",
            "3w",
            "1.5h",
            "99999999999999999999d",
            "36600000d",
        ] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn clock_only_moves_forward_and_saturates() {
        let mut c = Clock::default();
        c.advance_to(Timestamp::DEFAULT_START.plus(Duration::days(1)));
        assert_eq!(c.now().to_string(), "2026-01-02T00:00:00Z");
        c.advance_to(Timestamp::DEFAULT_START);
        assert_eq!(c.now().to_string(), "2026-01-02T00:00:00Z");
        assert_eq!(
            c.now().plus(Duration::seconds(i64::MAX)).to_string(),
            "9999-12-31T23:59:59Z"
        );
    }
}
