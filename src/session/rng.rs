//! The session's random numbers, portable and stable forever.
//!
//! A seed must give the same session on every platform, this year and next: a teacher projects
//! seed 4711 and the handout printed with seed 4711 matches it. So the generator is ChaCha8
//! (a specified stream cipher: `rand_chacha` promises the same output for the same key), keyed
//! from the seed by our own SplitMix64 expansion, and the integers-below-n and shuffles are our
//! own code here rather than `rand`'s, whose algorithms may change between versions. The golden
//! tests in `tests/session_golden.rs` pin the exact output.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A deterministic generator for one purpose (`stream`) of one session (`seed`).
pub struct SessionRng(ChaCha8Rng);

impl SessionRng {
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut state = seed;
        let mut key = [0u8; 32];
        for chunk in key.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream);
        Self(rng)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform integer in `0..n` (`n > 0`), without bias (Lemire's method with rejection).
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let n = n.max(1);
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        self.partial_shuffle(items, items.len());
    }

    /// Puts a uniform random choice of `k` items, in random order, at the front: the first `k`
    /// steps of a (forward) Fisher–Yates shuffle, so picking 20 questions from 100,000 costs 20
    /// steps. `shuffle` is the same with `k = len`, so a sample is a prefix of the full shuffle.
    pub fn partial_shuffle<T>(&mut self, items: &mut [T], k: usize) {
        let n = items.len();
        for i in 0..k.min(n.saturating_sub(1)) {
            let j = i + self.below((n - i) as u64) as usize;
            items.swap(i, j);
        }
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, a fixed 64-bit hash (std's hasher is not promised to be stable).
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl crate::kinds::Shuffler for SessionRng {
    fn shuffle(&mut self, items: &mut [usize]) {
        SessionRng::shuffle(self, items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SessionRng::new(7, 0);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let x = rng.below(5) as usize;
            seen[x] = true;
        }
        assert!(seen.iter().all(|s| *s));
        assert_eq!(rng.below(1), 0);
    }

    #[test]
    fn streams_and_seeds_differ() {
        let a = SessionRng::new(1, 0).next_u64();
        assert_ne!(a, SessionRng::new(1, 1).next_u64());
        assert_ne!(a, SessionRng::new(2, 0).next_u64());
        assert_eq!(a, SessionRng::new(1, 0).next_u64());
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..50).collect();
        SessionRng::new(3, 9).shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }

    #[test]
    fn a_partial_shuffle_is_a_prefix_of_the_full_one() {
        let mut full: Vec<u32> = (0..30).collect();
        SessionRng::new(5, 1).shuffle(&mut full);
        let mut part: Vec<u32> = (0..30).collect();
        SessionRng::new(5, 1).partial_shuffle(&mut part, 7);
        assert_eq!(full[..7], part[..7]);
    }
}
