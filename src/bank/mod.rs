//! Quiz banks: the file format, loading with diagnostics, and the checked model.
//!
//! Parsing happens in two stages ("parse, don't validate"): [`raw`] mirrors the RON file with
//! serde, [`validate`] checks it and builds the [`model`] types, which cannot hold an invalid
//! quiz. [`load`] runs both and turns every problem into a [`crate::diag::Diagnostic`].

pub mod lint;
pub mod load;
pub mod model;
pub mod raw;
pub mod spans;
pub mod validate;
pub mod words;

pub use load::{
    FsSources, LoadReport, MAX_FILE_BYTES, MAX_NESTING, MAX_POINTS, load_bytes, load_file, load_str,
};
pub use model::*;
pub use validate::{FORMAT_VERSION, SourceError, SourceResolver};
