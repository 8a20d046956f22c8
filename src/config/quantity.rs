//! `resource.ParseQuantity` from k8s.io/apimachinery: the grammar, its two error messages,
//! and an approximate numeric value for comparisons.

pub const ERR_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// Value in base units (bytes, cores, ...); approximate for huge magnitudes.
    pub value: f64,
    /// Exactly zero (all digits zero), independent of float rounding.
    pub is_zero: bool,
    pub negative: bool,
    /// Suffix was milli (`m`) — for memory, almost certainly a mistake.
    pub milli: bool,
}

pub fn parse(s: &str) -> Result<Quantity, &'static str> {
    if s.is_empty() {
        return Err(ERR_FORMAT);
    }
    let b = s.as_bytes();
    let mut pos = 0;
    let mut negative = false;
    match b[0] {
        b'-' => {
            negative = true;
            pos = 1;
        }
        b'+' => pos = 1,
        _ => {}
    }
    let num_start = pos;
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = &s[num_start..pos];
    let mut denom = "";
    if pos < b.len() && b[pos] == b'.' {
        pos += 1;
        let d = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[d..pos];
    }
    let suffix_start = pos;
    while pos < b.len() && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < b.len() && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos != b.len() {
        return Err(ERR_FORMAT);
    }
    let suffix = &s[suffix_start..];
    let (base, exp): (f64, i32) = match suffix {
        "" => (10.0, 0),
        "n" => (10.0, -9),
        "u" => (10.0, -6),
        "m" => (10.0, -3),
        "k" => (10.0, 3),
        "M" => (10.0, 6),
        "G" => (10.0, 9),
        "T" => (10.0, 12),
        "P" => (10.0, 15),
        "E" => (10.0, 18),
        "Ki" => (2.0, 10),
        "Mi" => (2.0, 20),
        "Gi" => (2.0, 30),
        "Ti" => (2.0, 40),
        "Pi" => (2.0, 50),
        "Ei" => (2.0, 60),
        _ if suffix.starts_with(['e', 'E']) => match suffix[1..].parse::<i64>() {
            Ok(e) => (10.0, e.clamp(-400, 400) as i32),
            Err(_) => return Err(ERR_SUFFIX),
        },
        _ => return Err(ERR_SUFFIX),
    };
    let digits = format!(
        "{}.{}",
        if num.is_empty() { "0" } else { num },
        if denom.is_empty() { "0" } else { denom }
    );
    let mantissa: f64 = digits.parse().unwrap_or(0.0);
    let is_zero = num.bytes().chain(denom.bytes()).all(|c| c == b'0');
    let mut value = mantissa * base.powi(exp);
    if negative {
        value = -value;
    }
    Ok(Quantity {
        value,
        is_zero,
        negative: negative && !is_zero,
        milli: suffix == "m",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_quantities() {
        for (s, v) in [
            ("100Mi", 104_857_600.0),
            ("1Gi", 1_073_741_824.0),
            ("500m", 0.5),
            ("1.5", 1.5),
            ("1e3", 1000.0),
            ("5E-1", 0.5),
            ("2k", 2000.0),
            ("+1", 1.0),
            (".5", 0.5),
            ("1.", 1.0),
            ("10u", 0.00001),
        ] {
            let q = parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert!(
                (q.value - v).abs() < 1e-9 * v.abs().max(1.0),
                "{s}: {}",
                q.value
            );
        }
        assert!(parse("-1Gi").unwrap().negative);
        assert!(parse("0Mi").unwrap().is_zero);
        assert!(parse("100m").unwrap().milli);
    }

    #[test]
    fn invalid_quantities() {
        for s in ["", "MB", "10MB", "10 Mi", "1GB", "<100Mi", "abc", "1Mi "] {
            assert_eq!(parse(s), Err(ERR_FORMAT), "{s}");
        }
        for s in ["10K", "1mi", "5MM", "1Kib"] {
            assert!(parse(s).is_err(), "{s}");
        }
        assert_eq!(parse("10K"), Err(ERR_SUFFIX));
        assert_eq!(parse("1KiB"), Err(ERR_FORMAT));
    }
}
