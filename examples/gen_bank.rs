//! Writes the benchmarks' generated bank of N questions (every kind) to a file, to time whole
//! commands on it: `cargo run --release --example gen_bank -- 10000 /tmp/big.ron`, then
//! `target/release/quizdesk check /tmp/big.ron` (with `assets/article.txt` beside it as
//! `../assets/article.txt`, or the source check reports it missing).

#[path = "../benches/support/gen_bank.rs"]
mod gen_bank;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let path = args.next().unwrap_or_else(|| "big.ron".into());
    let text = gen_bank::generate(n);
    std::fs::write(&path, &text)?;
    println!("wrote {path}: {n} questions, {} bytes", text.len());
    Ok(())
}
