//! Writes a generated bank for timing `quizdesk check` as a whole command:
//! `cargo run --release --example gen_bank -- 10000 target/bench/quizzes/big.ron`
//! (it also copies the article to `target/bench/assets/` so the citations verify).

#[path = "../benches/support/gen_bank.rs"]
mod gen_bank;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out = std::path::PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/bench/quizzes/big.ron".into()),
    );
    let dir = out.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let assets = dir.join("../assets");
    std::fs::create_dir_all(&assets)?;
    std::fs::write(
        assets.join("article.txt"),
        include_str!("../assets/article.txt"),
    )?;
    std::fs::write(&out, gen_bank::generate(n))?;
    println!("wrote {} ({n} questions)", out.display());
    Ok(())
}
