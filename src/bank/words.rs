//! The words of a bank's texts, folded once and numbered, for the lints that compare texts.
//!
//! Each distinct word is stored once and sets of words are sorted lists of numbers, so that a
//! bank of 16 MiB of prompts costs a few bytes per word: owned strings in hash sets took 600 MB
//! and 5 s for one prompt of two million words.

use std::collections::HashMap;

/// A word's number in a [`Vocabulary`].
pub type WordId = u32;

/// Hash maps keyed by words or hashes from a file: seeded per process, so a crafted file cannot
/// aim at collisions, and several times faster than the standard SipHash.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Distinct words, numbered in the order first met. The words are borrowed from folded texts
/// (see [`crate::text::fold`]) that the caller keeps.
pub struct Vocabulary<'t> {
    ids: Map<&'t str, WordId>,
    words: Vec<&'t str>,
    /// Per word, whether [`Vocabulary::set`] keeps it: the filter runs once per distinct word.
    kept: Vec<bool>,
    keep: fn(&str) -> bool,
}

impl Default for Vocabulary<'_> {
    fn default() -> Self {
        Self::keeping(|_| true)
    }
}

impl<'t> Vocabulary<'t> {
    /// A vocabulary whose sets hold every word.
    pub fn new() -> Self {
        Self::default()
    }

    /// A vocabulary whose sets hold only the words `keep` accepts (all words are numbered).
    pub fn keeping(keep: fn(&str) -> bool) -> Self {
        Self {
            ids: Map::default(),
            words: Vec::new(),
            kept: Vec::new(),
            keep,
        }
    }

    /// The number of `word`, given one if it is new.
    pub fn intern(&mut self, word: &'t str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.words.len()).unwrap_or(WordId::MAX);
        self.words.push(word);
        self.kept.push((self.keep)(word));
        self.ids.insert(word, id);
        id
    }

    /// The number of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<WordId> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: WordId) -> &'t str {
        self.words.get(id as usize).copied().unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words of `folded` (a text from [`crate::text::fold`]: words separated by single
    /// spaces) that the vocabulary keeps, each once, sorted by number.
    pub fn set(&mut self, folded: &'t str) -> Vec<WordId> {
        let mut set = Vec::new();
        for word in folded.split(' ').filter(|w| !w.is_empty()) {
            let id = self.intern(word);
            if self.kept.get(id as usize).copied().unwrap_or(false) {
                set.push(id);
            }
        }
        set.sort_unstable();
        set.dedup();
        set
    }
}

/// Whether sorted `set` holds `word`.
pub fn contains(set: &[WordId], word: WordId) -> bool {
    set.binary_search(&word).is_ok()
}

/// The union of sorted sets, sorted.
pub fn union<'s>(sets: impl IntoIterator<Item = &'s Vec<WordId>>) -> Vec<WordId> {
    let mut all: Vec<WordId> = sets.into_iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_sorted_distinct_and_shared_across_texts() {
        let (a, b) = (
            crate::text::fold("The pact, the PACT and Moscow"),
            crate::text::fold("Moscow signs"),
        );
        let mut vocab = Vocabulary::keeping(|w| w != "and");
        let first = vocab.set(&a);
        let second = vocab.set(&b);
        let words = |s: &[WordId]| {
            let mut w: Vec<&str> = s.iter().map(|&id| vocab.word(id)).collect();
            w.sort_unstable();
            w
        };
        assert_eq!(words(&first), ["moscow", "pact", "the"]);
        assert_eq!(words(&second), ["moscow", "signs"]);
        assert!(first.windows(2).all(|w| w[0] < w[1]));
        let moscow = vocab.get("moscow").unwrap();
        assert!(contains(&first, moscow) && contains(&second, moscow));
        assert_eq!(union([&first, &second]).len(), 4);
        assert_eq!(vocab.len(), 5, "`and` is numbered, only left out of sets");
    }
}
