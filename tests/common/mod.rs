//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The real `newsdex` binary with `--index DIR --color never`, isolated from the caller's
/// environment (its index location).
pub fn newsdex(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("the newsdex binary is built by cargo test");
    cmd.arg("--index").arg(index).arg("--color").arg("never");
    cmd.env_remove("NEWSDEX_INDEX");
    cmd
}

/// Parse a command's stdout as JSON, showing it when it is not.
pub fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(output)))
}

/// The `name` of every entry of a JSON list of entities (`list` is e.g. `article["persons"]`).
pub fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON list of entities")
        .iter()
        .map(|e| {
            e["name"]
                .as_str()
                .expect("each entity has a name")
                .to_string()
        })
        .collect()
}

/// The entry of a JSON list of entities with this `name`, if any.
pub fn named<'a>(list: &'a Value, name: &str) -> Option<&'a Value> {
    list.as_array()
        .expect("a JSON list of entities")
        .iter()
        .find(|e| e["name"] == name)
}
