//! The kubelet's client certificate against the node's clock (kubelet-status.md §5.1 rule 6:
//! parse the client certificate first): only `before` NotBefore proves the clock is behind;
//! past NotAfter is an expired certificate. PEM and the few DER fields of an X.509 validity are
//! decoded by hand (no parser dependency for two dates). Pure.

/// The DER of each `CERTIFICATE` block in a PEM text (keys and other blocks are skipped).
pub fn pem_certificates(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let body = &rest[start + "-----BEGIN CERTIFICATE-----".len()..];
        let Some(end) = body.find("-----END CERTIFICATE-----") else {
            break;
        };
        if let Some(der) = base64_decode(&body[..end]) {
            out.push(der);
        }
        rest = &body[end..];
    }
    out
}

/// Only the `CERTIFICATE` blocks of a PEM text, re-armoured: what a bundle may hold of a file
/// that also has the private key.
pub fn certificates_only(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let Some(len) = rest[start..].find("-----END CERTIFICATE-----") else {
            break;
        };
        let end = start + len + "-----END CERTIFICATE-----".len();
        out.push_str(&rest[start..end]);
        out.push('\n');
        rest = &rest[end..];
    }
    out
}

pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// One DER element: (tag, content, the rest after it).
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    let (len, head) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *b.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let content = b.get(head..head.checked_add(len)?)?;
    Some((tag, content, &b[head + len..]))
}

/// (NotBefore, NotAfter) in seconds since the epoch.
pub fn validity(der: &[u8]) -> Option<(i64, i64)> {
    let (_, cert, _) = tlv(der).filter(|(t, _, _)| *t == 0x30)?;
    let (_, tbs, _) = tlv(cert).filter(|(t, _, _)| *t == 0x30)?;
    let mut rest = tbs;
    let (tag, _, after) = tlv(rest)?;
    if tag == 0xa0 {
        rest = after; // [0] version
    }
    for _ in 0..3 {
        rest = tlv(rest)?.2; // serial, signature algorithm, issuer
    }
    let (_, validity, _) = tlv(rest).filter(|(t, _, _)| *t == 0x30)?;
    let (t1, nb, after) = tlv(validity)?;
    let (t2, na, _) = tlv(after)?;
    Some((time(t1, nb)?, time(t2, na)?))
}

/// UTCTime (`YYMMDDHHMMSSZ`, 1950-2049) or GeneralizedTime (`YYYYMMDDHHMMSSZ`).
fn time(tag: u8, s: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(s).ok()?.strip_suffix('Z')?;
    // Byte offsets below: only ASCII digits make sense (and keep the slices on boundaries).
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match tag {
        0x17 if s.len() == 12 => {
            let yy: i16 = s[..2].parse().ok()?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        0x18 if s.len() == 14 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let n = |r: std::ops::Range<usize>| rest.get(r)?.parse::<i8>().ok();
    let dt = k8s_openapi::jiff::civil::DateTime::new(
        year,
        n(0..2)?,
        n(2..4)?,
        n(4..6)?,
        n(6..8)?,
        n(8..10)?,
        0,
    )
    .ok()?;
    let ts = dt.to_zoned(k8s_openapi::jiff::tz::TimeZone::UTC).ok()?;
    Some(ts.timestamp().as_second())
}

/// What the certificate says against the clock.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid {
        not_after: i64,
    },
    /// The clock is before NotBefore: the clock is behind (or the certificate from the future).
    NotYetValid {
        not_before: i64,
    },
    Expired {
        not_after: i64,
    },
}

pub fn judge(not_before: i64, not_after: i64, now: i64) -> Verdict {
    if now < not_before {
        Verdict::NotYetValid { not_before }
    } else if now > not_after {
        Verdict::Expired { not_after }
    } else {
        Verdict::Valid { not_after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem(not_before: (i32, u8, u8), not_after: (i32, u8, u8)) -> (String, String) {
        let mut params = rcgen::CertificateParams::new(vec!["node-a".into()]).unwrap();
        params.not_before = rcgen::date_time_ymd(not_before.0, not_before.1, not_before.2);
        params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    fn validity_of_a_real_certificate_in_a_file_with_its_key() {
        // UTCTime before 2050, GeneralizedTime from 2050 on.
        let (cert, key) = pem((2025, 5, 1), (2051, 5, 1));
        let file = format!("{cert}{key}");
        let ders = pem_certificates(&file);
        assert_eq!(ders.len(), 1);
        let (nb, na) = validity(&ders[0]).unwrap();
        assert_eq!(nb, 1_746_057_600); // 2025-05-01T00:00:00Z
        assert_eq!(na, 2_566_512_000); // 2051-05-01T00:00:00Z
        let only = certificates_only(&file);
        assert!(!only.contains("PRIVATE KEY"));
        assert_eq!(pem_certificates(&only), ders);
    }

    #[test]
    fn judged_against_the_clock() {
        assert_eq!(judge(10, 20, 5), Verdict::NotYetValid { not_before: 10 });
        assert_eq!(judge(10, 20, 25), Verdict::Expired { not_after: 20 });
        assert_eq!(judge(10, 20, 15), Verdict::Valid { not_after: 20 });
    }

    #[test]
    fn times_with_other_than_digits_are_no_time() {
        assert_eq!(time(0x17, "2501011200é".as_bytes()), None);
        assert_eq!(time(0x17, b"250101120000Z"), Some(1_735_732_800));
        assert_eq!(time(0x18, "20250101é2000Z".as_bytes()), None);
    }

    #[test]
    fn garbage_is_no_certificate() {
        assert!(
            pem_certificates("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----")
                .is_empty()
        );
        assert_eq!(validity(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(validity(&[]), None);
        assert_eq!(validity(&[0x30, 0x03, 0x30, 0x01]), None);
    }
}
