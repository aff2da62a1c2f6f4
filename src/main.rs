fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(toets::cli::main())
}
