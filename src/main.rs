// Loading 100,000 records allocates many small strings; mimalloc does that a quarter faster than
// the system allocator (benches/check.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(toets::cli::main())
}
