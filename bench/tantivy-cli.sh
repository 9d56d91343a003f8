# Sourced by bench/run.sh and bench/serve.sh. `find_tantivy_cli [install]` sets TANTIVY to
# tantivy-cli (the baseline): from PATH, else $TOOLS/tantivy, else (with `install`) built
# once from crates.io's tantivy-cli 0.24.0 into $TOOLS, working in $WORK. Leaves TANTIVY
# empty when there is none and installing was not asked for.
find_tantivy_cli() {
  TANTIVY=$(command -v tantivy || true)
  [ -z "$TANTIVY" ] && [ -x "$TOOLS/tantivy" ] && TANTIVY=$TOOLS/tantivy
  if [ -z "$TANTIVY" ] && [ "${1:-}" = install ]; then
    echo "installing tantivy-cli 0.24.0 into $TOOLS (once)..." >&2
    local fetch=$WORK/tantivy-cli-fetch src
    mkdir -p "$fetch/src" && printf 'fn main() {}\n' > "$fetch/src/main.rs"
    printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntantivy-cli = "=0.24.0"\n' > "$fetch/Cargo.toml"
    (cd "$fetch" && cargo fetch --quiet)
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/tantivy-cli-0.24.0 | head -1)
    rm -rf "$WORK/tantivy-cli" && cp -r "$src" "$WORK/tantivy-cli"
    (cd "$WORK/tantivy-cli" && cargo update --quiet -p traitobject --precise 0.1.1 && cargo build --release --quiet)
    cp "$WORK/tantivy-cli/target/release/tantivy" "$TOOLS/tantivy"
    TANTIVY=$TOOLS/tantivy
  fi
}
