fn main() -> std::process::ExitCode {
    newsdex::cli::main()
}
