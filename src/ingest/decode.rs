//! Bytes to text: gzip, byte-order marks, UTF-8, and legacy encodings.
//!
//! Owns turning a file's raw bytes into a Rust `String` and saying how it did so. It must not
//! guess article structure; that is the parsers' job. Text that is not UTF-8 is decoded
//! (Windows-1252, Latin-1, UTF-16 with BOM, or whatever `chardetng` detects), never dropped.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::IngestError;

/// The result of decoding: the text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// True when the input was longer than the cap and was cut.
    pub truncated: bool,
}

/// Is this gzip data? (magic number 1f 8b)
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// Decompress gzip data, stopping at `cap` bytes of output (a "zip bomb" stays bounded).
pub fn gunzip(bytes: &[u8], cap: u64) -> Result<(Vec<u8>, bool), IngestError> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    // Read one byte past the cap to learn whether we cut anything.
    let mut limited = decoder.take(cap + 1);
    limited
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Malformed(format!("corrupt gzip data: {e}")))?;
    let truncated = out.len() as u64 > cap;
    out.truncate(cap as usize);
    Ok((out, truncated))
}

/// Looks like binary rather than text: NUL bytes in the first 8 KiB (UTF-16 is handled before
/// this check, by its BOM).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// Decode bytes to text. BOM first, then strict UTF-8, then detection.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            truncated: false,
        });
    }
    if looks_binary(bytes) {
        // BOM-less UTF-16 is rare but recognisable: every other byte NUL in ASCII text.
        if let Some(encoding) = sniff_utf16(bytes) {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                truncated: false,
            });
        }
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            truncated: false,
        }),
        Err(utf8_error) => {
            // A UTF-8 file cut mid-character by a size cap: drop the partial character.
            if utf8_error.error_len().is_none() && utf8_error.valid_up_to() + 4 > bytes.len() {
                let valid = &bytes[..utf8_error.valid_up_to()];
                return Ok(Decoded {
                    text: String::from_utf8_lossy(valid).into_owned(),
                    encoding: UTF_8.name(),
                    truncated: false,
                });
            }
            // With only a few non-ASCII bytes there is too little evidence for detection
            // (a lone 0xA3 reads as "Ł" in Windows-1250), and English-language archives
            // overwhelmingly use Windows-1252 (a superset of Latin-1): prefer it.
            let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            let encoding = if non_ascii <= 32 {
                encoding_rs::WINDOWS_1252
            } else {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                detector.guess(Some(b"com"), chardetng::Utf8Detection::Allow)
            };
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                truncated: false,
            })
        }
    }
}

fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 9 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 9 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Kim’s train".as_bytes()).unwrap();
        assert_eq!(d.text, "Kim’s train");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "café – “quoted”" in Windows-1252
        let bytes = b"The caf\xe9 owner said \x93we will stay\x94 \x96 and he did.";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.text.contains("“we will stay”"), "{}", d.text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Héllo world".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Héllo world");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let mut bytes = vec![];
        for unit in "Hello world, plain".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Hello world, plain");
    }

    #[test]
    fn binary_is_rejected() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(matches!(decode(png), Err(IngestError::Binary)));
    }

    #[test]
    fn gzip_cap_truncates() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b'a'; 10_000]).unwrap();
        let gz = enc.finish().unwrap();
        assert!(is_gzip(&gz));
        let (out, truncated) = gunzip(&gz, 100).unwrap();
        assert_eq!(out.len(), 100);
        assert!(truncated);
        let (out, truncated) = gunzip(&gz, 1_000_000).unwrap();
        assert_eq!(out.len(), 10_000);
        assert!(!truncated);
    }
}
