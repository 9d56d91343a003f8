/// mimalloc: tagging and indexing allocate many small, short-lived buffers from two or
/// more threads at once, which glibc's allocator serves slower. Built without transparent
/// huge pages (Cargo.toml says why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    newsdex::cli::main()
}
