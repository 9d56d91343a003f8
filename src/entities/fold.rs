//! Name keys: how two spellings of a name are found to be the same name.
//!
//! Owns `fold_key`, the comparison key used by entity linking, the gazetteer and filters.
//! It must stay free of other crate code: build.rs compiles it on its own, to fold the
//! gazetteer's names at build time with exactly the function that folds names at run time.

/// The comparison key of a name: accents folded to ASCII, lowercase, single spaces, no
/// punctuation but inner hyphens/apostrophes dropped to spaces. "Sergéi  Shoigu's" ->
/// "sergei shoigu's" is *not* produced: possessives are stripped before keys are made.
pub fn fold_key(name: &str) -> String {
    // Most names are ASCII already: transliterate only the others.
    let transliterated;
    let ascii = if name.is_ascii() {
        name
    } else {
        transliterated = deunicode::deunicode(name);
        transliterated.as_str()
    };
    // Byte by byte (every name is folded at least twice, so this is warm code): letters
    // and digits lower-cased, any run of other bytes one space between words.
    let mut out = Vec::with_capacity(ascii.len());
    let mut gap = false;
    for &b in ascii.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            out.push(b.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    String::from_utf8(out).expect("only ASCII letters, digits and spaces were pushed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_folds_case_accents_punctuation() {
        assert_eq!(fold_key("  Sergéi   SHOIGU "), "sergei shoigu");
        assert_eq!(fold_key("U.S."), "u s");
        assert_eq!(fold_key("Jean-Claude Juncker"), "jean claude juncker");
        assert_eq!(fold_key("--O'Neill--"), "o neill");
        assert_eq!(fold_key("...!"), "");
        assert_eq!(fold_key("Zoë Ball, 2nd"), "zoe ball 2nd");
    }
}
