// @generated: a copy of generator/runtime/src/timestamp.rs, made by `cargo xtask codegen`. Edit it there.

//! [`Timestamp`]: one type for every point in time an API sends, whatever
//! its wire form.
//!
//! Payment APIs document their times loosely. WooshPay's pages say "seconds
//! since the Unix epoch" and show milliseconds in some examples, and type a
//! few times as strings; UseePay sends ISO-8601 text in some objects and
//! Unix seconds in others. A field of this type reads all of those forms
//! and keeps the one it read, so a value written back goes out as it came
//! in, while the code that uses it sees one instant.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Integers at or above this magnitude are milliseconds: as seconds they
/// would be after the year 5000, as milliseconds they are after 1973.
const MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// A point in time, to the nanosecond, in UTC.
///
/// It is read from a JSON integer of Unix seconds (or milliseconds, for
/// magnitudes of 10¹¹ and more, which as seconds would lie after the year
/// 5000), from the same number as a string (`"1700000000"`), or from RFC 3339
/// text (`"2024-06-01T12:30:00Z"`, `"2024-06-01 12:30:00.5+08:00"`). Text
/// without a UTC offset is rejected rather than guessed.
///
/// It is written in the form it was made in: an integer of seconds for
/// [`Timestamp::from_unix_seconds`] (and values read as seconds), of
/// milliseconds for [`Timestamp::from_unix_millis`], RFC 3339 text in UTC
/// for [`Timestamp::parse_rfc3339`] and [`SystemTime`]s. Comparison and
/// hashing look only at the instant.
///
/// ```
#[doc = concat!("use ", module_path!(), "::Timestamp;")]
///
/// let paid: Timestamp = serde_json::from_str("1717245000").unwrap();
/// let also: Timestamp = serde_json::from_str("\"2024-06-01T12:30:00Z\"").unwrap();
/// assert_eq!(paid, also);
/// assert_eq!(paid.unix_seconds(), 1_717_245_000);
/// assert_eq!(paid.to_string(), "2024-06-01T12:30:00Z");
/// assert_eq!(serde_json::to_string(&paid).unwrap(), "1717245000");
/// ```
#[derive(Clone, Copy)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
    form: Form,
}

/// How a [`Timestamp`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Seconds,
    Millis,
    Rfc3339,
}

impl Timestamp {
    /// The instant `seconds` after the Unix epoch, written as an integer of
    /// seconds.
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self {
            seconds,
            nanos: 0,
            form: Form::Seconds,
        }
    }

    /// The instant `millis` milliseconds after the Unix epoch, written as an
    /// integer of milliseconds.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Self {
            seconds: millis.div_euclid(1000),
            // The remainder is below 1000, so the product fits.
            nanos: millis.rem_euclid(1000) as u32 * 1_000_000,
            form: Form::Millis,
        }
    }

    /// Reads RFC 3339 text: `2024-06-01T12:30:00Z`, with optional fractional
    /// seconds, a numeric offset (`+08:00`) instead of `Z`, and a space or
    /// `t` in place of the `T`. The value is written back as RFC 3339 text
    /// in UTC.
    pub fn parse_rfc3339(text: &str) -> Result<Self, TimestampError> {
        rfc3339::parse(text.trim()).ok_or_else(|| TimestampError(text.to_owned()))
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub const fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// Milliseconds since the Unix epoch (rounded down).
    pub const fn unix_millis(&self) -> i64 {
        self.seconds
            .saturating_mul(1000)
            .saturating_add((self.nanos / 1_000_000) as i64)
    }

    /// The nanoseconds past [`Timestamp::unix_seconds`].
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The instant as a [`SystemTime`], or `None` when the platform's
    /// `SystemTime` cannot hold it.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let nanos = Duration::from_nanos(u64::from(self.nanos));
        if self.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(self.seconds.unsigned_abs()) + nanos)
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(self.seconds.unsigned_abs()))?
                .checked_add(nanos)
        }
    }

    fn from_integer(value: i64) -> Self {
        if value.unsigned_abs() >= MILLIS_THRESHOLD.unsigned_abs() {
            Self::from_unix_millis(value)
        } else {
            Self::from_unix_seconds(value)
        }
    }

    fn instant(&self) -> (i64, u32) {
        (self.seconds, self.nanos)
    }
}

/// The instant, written as RFC 3339 text.
impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let (seconds, nanos) = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => (after.as_secs() as i64, after.subsec_nanos()),
            Err(before) => {
                let before = before.duration();
                let (mut seconds, mut nanos) = (-(before.as_secs() as i64), 0);
                if before.subsec_nanos() > 0 {
                    seconds -= 1;
                    nanos = 1_000_000_000 - before.subsec_nanos();
                }
                (seconds, nanos)
            }
        };
        Self {
            seconds,
            nanos,
            form: Form::Rfc3339,
        }
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant() == other.instant()
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant().cmp(&other.instant())
    }
}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.instant().hash(state);
    }
}

/// RFC 3339 in UTC: `2024-06-01T12:30:00Z`, with as many fractional digits
/// as the value needs.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        rfc3339::write(f, self.seconds, self.nanos)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

/// Reads Unix seconds, milliseconds or RFC 3339 text, as the JSON form does.
impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().parse::<i64>() {
            Ok(value) => Ok(Self::from_integer(value)),
            Err(_) => Self::parse_rfc3339(text),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            Form::Seconds => serializer.serialize_i64(self.seconds),
            Form::Millis => serializer.serialize_i64(self.unix_millis()),
            Form::Rfc3339 => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unix seconds or milliseconds, or RFC 3339 text")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Timestamp, E> {
        Ok(Timestamp::from_integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Timestamp, E> {
        i64::try_from(value)
            .map(Timestamp::from_integer)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Timestamp, E> {
        // Some servers write whole numbers as `1700000000.0`.
        if value.fract() == 0.0 && value.abs() < 9.0e15 {
            Ok(Timestamp::from_integer(value as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(value), &self))
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
        text.parse().map_err(E::custom)
    }
}

/// Text that is neither a Unix time nor RFC 3339 with an offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError(String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a Unix time or RFC 3339 text with a UTC offset",
            self.0
        )
    }
}

impl std::error::Error for TimestampError {}

/// RFC 3339 text to and from seconds since the epoch, through the proleptic
/// Gregorian calendar's day numbers.
mod rfc3339 {
    use std::fmt;

    use super::{Form, Timestamp};

    const SECONDS_PER_DAY: i64 = 86_400;

    /// `YYYY-MM-DD(T| )HH:MM:SS(.fraction)?(Z|±HH:MM)`.
    pub(super) fn parse(text: &str) -> Option<Timestamp> {
        let bytes = text.as_bytes();
        if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        if !matches!(bytes[10], b'T' | b't' | b' ') || bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let year = digits(&text[0..4])?;
        let month = digits(&text[5..7])?;
        let day = digits(&text[8..10])?;
        let hour = digits(&text[11..13])?;
        let minute = digits(&text[14..16])?;
        // 60 is a leap second; it is read as the next second's start.
        let second = digits(&text[17..19])?;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = &text[19..];
        let mut nanos = 0u32;
        if let Some(fraction) = rest.strip_prefix('.') {
            let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if count == 0 {
                return None;
            }
            // Digits past nanoseconds are dropped, as every clock here has
            // at most nanosecond precision.
            for (index, digit) in fraction.bytes().take(count.min(9)).enumerate() {
                nanos += u32::from(digit - b'0') * 10u32.pow(8 - index as u32);
            }
            rest = &fraction[count..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first()? {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                    return None;
                }
                let (hours, minutes) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                sign * (hours * 3600 + minutes * 60)
            }
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
        Some(Timestamp {
            seconds,
            nanos,
            form: Form::Rfc3339,
        })
    }

    pub(super) fn write(f: &mut fmt::Formatter<'_>, seconds: i64, nanos: u32) -> fmt::Result {
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let of_day = seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60
        )?;
        if nanos > 0 {
            let fraction = format!("{nanos:09}");
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }

    fn digits(text: &str) -> Option<i64> {
        if text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse().ok()
        } else {
            None
        }
    }

    fn is_leap(year: i64) -> bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    fn days_in_month(year: i64, month: i64) -> i64 {
        match month {
            2 if is_leap(year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days from 1970-01-01 to the date. The year is shifted to start in
    /// March, so the leap day ends it and each 400-year era repeats.
    fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`days_from_civil`].
    fn civil_from_days(days: i64) -> (i64, i64, i64) {
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }
}

