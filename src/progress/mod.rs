//! Progress that lasts: learner profiles and their history, written so that no crash or bad
//! file loses a committed answer.
//!
//! Layout under the data folder (documented in `docs/PROGRESS-FORMAT.md`):
//! - `profiles.json`: the learners and the last one used, replaced atomically;
//! - `profiles/<id>/history.jsonl`: each learner's journal of sessions and answers.

pub mod identity;
pub mod journal;
pub mod records;
pub mod review;
pub mod stats;

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use journal::{Journal, Loaded, Problem};
pub use records::{
    AnswerRecord, Event, History, SessionEnd, SessionRecord, SessionStart, bank_hash, question_hash,
};

use crate::files::atomic;
use crate::files::names::safe_component;
use crate::format::slug;
use crate::session::{Outcome, Session, Verdict};

/// The version of `profiles.json` this build writes.
pub const PROFILES_VERSION: u32 = 1;

/// The largest `profiles.json` read: 4 MiB, tens of thousands of learners.
pub const MAX_PROFILES_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// A folder-safe id derived from the name.
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiles {
    pub version: u32,
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub last: Option<String>,
}

impl Default for Profiles {
    fn default() -> Self {
        Self {
            version: PROFILES_VERSION,
            profiles: Vec::new(),
            last: None,
        }
    }
}

/// The progress store: profiles and their journals under one folder.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The store in the platform's data folder.
    pub fn default_location() -> Option<Self> {
        directories::ProjectDirs::from("", "", "quizdesk").map(|d| Self::new(d.data_dir()))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn profiles_path(&self) -> PathBuf {
        self.root.join("profiles.json")
    }

    /// Reads the profiles. An unreadable `profiles.json` is set aside and reported, and an empty
    /// list returned (the learners' histories are untouched, and listed again by
    /// [`Store::recover_profiles`]).
    pub fn profiles(&self, now: SystemTime) -> io::Result<(Profiles, Option<Problem>)> {
        let path = self.profiles_path();
        let bytes = match crate::files::read::read_capped(&path, MAX_PROFILES_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((self.recover_profiles(Profiles::default()), None));
            }
            Err(e) => return Err(e),
        };
        match serde_json::from_slice::<Profiles>(&bytes) {
            Ok(p) if p.version <= PROFILES_VERSION => Ok((p, None)),
            result => {
                let reason = match result {
                    Ok(p) => format!("it was written by a newer quizdesk (version {})", p.version),
                    Err(e) => e.to_string(),
                };
                let moved_to = atomic::set_aside(&path, "unreadable", now)?;
                let recovered = self.recover_profiles(Profiles::default());
                self.save_profiles(&recovered)?;
                let kept = recovered.profiles.len();
                Ok((
                    recovered,
                    Some(Problem::SetAside {
                        moved_to,
                        reason,
                        kept,
                    }),
                ))
            }
        }
    }

    /// Adds a profile for every history folder that `profiles` does not list.
    fn recover_profiles(&self, mut profiles: Profiles) -> Profiles {
        if let Ok(entries) = std::fs::read_dir(self.root.join("profiles")) {
            let mut ids: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("history.jsonl").exists())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            ids.sort();
            for id in ids {
                if !profiles.profiles.iter().any(|p| p.id == id) {
                    profiles.profiles.push(Profile {
                        name: id.clone(),
                        id,
                    });
                }
            }
        }
        profiles
    }

    pub fn save_profiles(&self, profiles: &Profiles) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(profiles).map_err(io::Error::other)?;
        atomic::write_atomic(&self.profiles_path(), &json)
    }

    /// Adds a learner (or finds the one with that name) and makes them the last used.
    pub fn add_profile(&self, name: &str, now: SystemTime) -> io::Result<Profile> {
        let (mut profiles, _) = self.profiles(now)?;
        let name = name.trim();
        let profile = match profiles.profiles.iter().find(|p| p.name == name) {
            Some(p) => p.clone(),
            None => {
                // A folder-safe id; a name with nothing of it left is a `learner`.
                let base = Some(slug(name))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "learner".into());
                let mut id = base.clone();
                let mut n = 2;
                while profiles.profiles.iter().any(|p| p.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                let p = Profile {
                    id,
                    name: name.to_owned(),
                };
                profiles.profiles.push(p.clone());
                p
            }
        };
        profiles.last = Some(profile.id.clone());
        self.save_profiles(&profiles)?;
        Ok(profile)
    }

    /// Remembers `id` as the learner to start with next time.
    pub fn set_last(&self, id: &str, now: SystemTime) -> io::Result<()> {
        let (mut profiles, _) = self.profiles(now)?;
        profiles.last = Some(id.to_owned());
        self.save_profiles(&profiles)
    }

    /// The journal of learner `profile_id`, in `profiles/<id>/`. An id that would leave that
    /// folder (`..`, a separator: `profiles.json` is a file anyone can edit) is refused with an
    /// `InvalidInput` error, so nothing is ever read or written outside the data folder.
    pub fn journal(&self, profile_id: &str) -> io::Result<Journal> {
        let id = safe_component(profile_id)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        Ok(Journal::new(
            self.root.join("profiles").join(id).join("history.jsonl"),
        ))
    }

    /// A profile's history (with any problem found reading it).
    pub fn history(
        &self,
        profile_id: &str,
        now: SystemTime,
    ) -> io::Result<(History, Option<Problem>)> {
        let loaded = self.journal(profile_id)?.load(now)?;
        Ok((History::from_events(loaded.events), loaded.problem))
    }
}

/// Milliseconds since the Unix epoch.
pub fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Records one session into a journal as it happens. Dropped without [`Recorder::end`], it
/// records the session as abandoned.
pub struct Recorder {
    journal: Journal,
    session: String,
    ended: bool,
}

impl Recorder {
    /// Records the start of `session` and returns the recorder for its answers.
    pub fn start(journal: Journal, session: &Session, now: SystemTime) -> io::Result<Self> {
        let at_ms = unix_ms(now);
        let id = format!("{at_ms:x}-{:08x}", rand::random::<u32>());
        let bank = session.bank();
        let start = SessionStart {
            session: id.clone(),
            at_ms,
            bank: bank.id().to_owned(),
            bank_title: bank.title().to_owned(),
            bank_hash: bank_hash(bank),
            config: session.config().clone(),
            questions: (0..session.len())
                .filter_map(|i| session.question(i).map(|q| q.id.clone()))
                .collect(),
        };
        journal.append(&Event::Start(start))?;
        Ok(Self {
            journal,
            session: id,
            ended: false,
        })
    }

    pub fn session_id(&self) -> &str {
        &self.session
    }

    /// Records the outcome of item `index` of `session` (after it was answered).
    pub fn answer(&self, session: &Session, index: usize, now: SystemTime) -> io::Result<()> {
        let Some(event) = self.answer_event(session, index, now) else {
            return Ok(());
        };
        self.journal.append(&event)
    }

    fn answer_event(&self, session: &Session, index: usize, now: SystemTime) -> Option<Event> {
        let q = session.question(index)?;
        let record = session.records().get(index)?;
        let outcome: Outcome = record
            .outcome
            .clone()
            .unwrap_or_else(|| Outcome::skipped(q));
        Some(Event::Answer(AnswerRecord {
            session: self.session.clone(),
            at_ms: unix_ms(now),
            question: q.id.clone(),
            question_hash: question_hash(q),
            section: q.section.clone(),
            response: record.response.clone(),
            verdict: if record.response.is_none() {
                Verdict::Skipped
            } else {
                outcome.verdict
            },
            score: outcome.score,
            points: outcome.points,
            max_points: outcome.max_points,
            time_ms: record.time_ms,
            misconceptions: outcome.misconceptions,
            self_rating: None,
        }))
    }

    /// Records the learner's own grade for item `index` after the reveal (review mode).
    pub fn rate(
        &self,
        session: &Session,
        index: usize,
        rating: review::SelfRating,
        now: SystemTime,
    ) -> io::Result<()> {
        let Some(Event::Answer(mut answer)) = self.answer_event(session, index, now) else {
            return Ok(());
        };
        answer.self_rating = Some(rating);
        self.journal.append(&Event::Answer(answer))
    }

    /// Records the end of the session: `finished` when the summary was reached. Questions shown
    /// but never answered are recorded as skipped in the same write; questions a practice
    /// session never reached are not recorded (they were not asked).
    pub fn end(&mut self, session: &Session, finished: bool, now: SystemTime) -> io::Result<()> {
        self.ended = true;
        let mut events: Vec<Event> = Vec::new();
        if finished {
            events.extend(
                (0..session.len())
                    .filter(|&i| session.records()[i].response.is_none() && session.counts(i))
                    .filter_map(|i| self.answer_event(session, i, now)),
            );
        }
        events.push(Event::End(SessionEnd {
            session: self.session.clone(),
            at_ms: unix_ms(now),
            finished,
        }));
        self.journal.append_all(&events)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if !self.ended {
            // Best effort: the answers are already on disk; only the end mark could be lost.
            let end = SessionEnd {
                session: self.session.clone(),
                at_ms: unix_ms(SystemTime::now()),
                finished: false,
            };
            let _ = self.journal.append(&Event::End(end));
        }
    }
}
