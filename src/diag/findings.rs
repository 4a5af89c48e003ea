//! Problems found while checking a quiz file, each named by the path of the value it is about
//! (`questions[2].answer.choices`); the bank loader turns paths into line and column.
//!
//! The checks of the bank and of every question kind report through this one
//! collector, so a file's problems all come out in one pass, in file order.

use super::Severity;

/// A problem, named by the path of the value it is about.
#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub path: String,
    /// Point at the field name rather than its value.
    pub on_key: bool,
    pub message: String,
    pub label: String,
    pub hint: Option<String>,
    pub related: Vec<(String, String)>,
}

#[derive(Default)]
pub struct Findings(pub Vec<Finding>, usize);

impl Findings {
    pub fn error(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.push(Severity::Error, path, message, label)
    }

    pub fn warning(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.push(Severity::Warning, path, message, label)
    }

    pub fn push(
        &mut self,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.1 += usize::from(severity == Severity::Error);
        self.0.push(Finding {
            severity,
            path: path.into(),
            on_key: false,
            message: message.into(),
            label: label.into(),
            hint: None,
            related: Vec::new(),
        });
        let last = self.0.len() - 1;
        &mut self.0[last]
    }

    pub fn has_errors(&self) -> bool {
        self.1 > 0
    }

    pub fn error_count(&self) -> usize {
        self.1
    }
}

impl Finding {
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(&mut self, hint: Option<String>) -> &mut Self {
        self.hint = hint;
        self
    }

    pub fn related(&mut self, path: impl Into<String>, message: impl Into<String>) -> &mut Self {
        self.related.push((path.into(), message.into()));
        self
    }
}
