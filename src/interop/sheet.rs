//! Questions from a spreadsheet: one question per row of a CSV file, an Excel workbook (`.xlsx`,
//! `.xls`) or an OpenDocument one (`.ods`), under a header row that names the columns.
//!
//! The columns are found by their header (case, accents, spaces and punctuation ignored, with
//! synonyms and Spanish, German, French and Russian names): `prompt`, `kind`, `choices` (or one
//! choice per column: `choice 1`, `option B`, `A`…), `correct`, `feedback`, `explanation`,
//! `section`, `tags`, `points`, `id`, `hint`, `difficulty`, `unit`, `tolerance`, `minutes`, and
//! `wrong 1`… for wrong choices. What each kind's cells hold is documented in
//! `quizzes/FORMAT.md`, "Spreadsheets to quizdesk"; a row without a kind gets one from its cells
//! (with a note). Every problem is reported at its row and column: for CSV pointing into the
//! text, for a workbook as `Sheet1:12:C`. A row that cannot be converted is reported and left
//! out; the others still are.

use std::ops::Range;
use std::path::Path;

use super::sheet_read::{self, Cell, Grid, Row, Value};
use super::{Converted, Draft, DraftBank, ImportOptions, load_error, plain_question};
use crate::bank::{
    Choice, Cloze, Difficulty, Discussion, Gap, Kind, KindName, KnownWrong, Matching, Numeric,
    NumericTarget, RubricPoint, Segment, ShortAnswer, TrueFalse,
};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity};
use crate::text::fold;

/// The prompt of a cloze question whose text is in the prompt column.
pub const CLOZE_PROMPT: &str = "Fill in the blanks.";

/// A column quizdesk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Prompt,
    Kind,
    Choices,
    /// One choice (`choice 1`, `option B`, `A`).
    Choice,
    /// One wrong choice (`wrong 1`, `distractor 2`).
    Wrong,
    Correct,
    Feedback,
    Explanation,
    Section,
    Tags,
    Points,
    Hint,
    Difficulty,
    Unit,
    Tolerance,
    Minutes,
    /// `paragraph`, `quote`, `citation`: read, but an imported bank has no source to cite.
    Citation,
}

impl Field {
    /// The name the documentation uses.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Prompt => "prompt",
            Field::Kind => "kind",
            Field::Choices => "choices",
            Field::Choice => "choice N",
            Field::Wrong => "wrong N",
            Field::Correct => "correct",
            Field::Feedback => "feedback",
            Field::Explanation => "explanation",
            Field::Section => "section",
            Field::Tags => "tags",
            Field::Points => "points",
            Field::Hint => "hint",
            Field::Difficulty => "difficulty",
            Field::Unit => "unit",
            Field::Tolerance => "tolerance",
            Field::Minutes => "minutes",
            Field::Citation => "paragraph/quote",
        }
    }
}

/// Header names per column, in English, Spanish, German, French and Russian; compared folded
/// (case, accents, spaces and punctuation ignored).
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "question id",
            "identifier",
            "identificador",
            "kennung",
            "identifiant",
            "идентификатор",
        ],
    ),
    (
        Field::Prompt,
        &[
            "prompt",
            "question",
            "question text",
            "text",
            "stem",
            "pregunta",
            "enunciado",
            "frage",
            "fragetext",
            "énoncé",
            "вопрос",
            "текст вопроса",
            "текст",
        ],
    ),
    (
        Field::Kind,
        &[
            "kind",
            "type",
            "question type",
            "qtype",
            "tipo",
            "tipo de pregunta",
            "typ",
            "fragetyp",
            "art",
            "type de question",
            "тип",
            "тип вопроса",
            "вид",
        ],
    ),
    (
        Field::Choices,
        &[
            "choices",
            "options",
            "answers",
            "alternatives",
            "opciones",
            "respuestas",
            "alternativas",
            "antworten",
            "optionen",
            "auswahl",
            "choix",
            "réponses",
            "propositions",
            "варианты",
            "варианты ответа",
            "ответы",
        ],
    ),
    (
        Field::Correct,
        &[
            "correct",
            "correct answer",
            "correct answers",
            "answer",
            "key",
            "answer key",
            "solution",
            "right answer",
            "correcta",
            "respuesta correcta",
            "respuesta",
            "solución",
            "richtig",
            "richtige antwort",
            "lösung",
            "antwort",
            "bonne réponse",
            "réponse",
            "réponse correcte",
            "corrigé",
            "ответ",
            "правильный ответ",
            "верный ответ",
        ],
    ),
    (
        Field::Feedback,
        &[
            "feedback",
            "choice feedback",
            "retroalimentación",
            "comentarios",
            "rückmeldung",
            "commentaire",
            "rétroaction",
            "отзыв",
            "комментарий",
            "обратная связь",
        ],
    ),
    (
        Field::Explanation,
        &[
            "explanation",
            "general feedback",
            "why",
            "rationale",
            "explicación",
            "erklärung",
            "begründung",
            "explication",
            "justification",
            "объяснение",
            "пояснение",
        ],
    ),
    (
        Field::Section,
        &[
            "section",
            "category",
            "topic",
            "chapter",
            "sección",
            "tema",
            "categoría",
            "capítulo",
            "abschnitt",
            "thema",
            "kategorie",
            "kapitel",
            "thème",
            "chapitre",
            "catégorie",
            "раздел",
            "тема",
            "категория",
            "глава",
        ],
    ),
    (
        Field::Tags,
        &[
            "tags",
            "tag",
            "keywords",
            "etiquetas",
            "palabras clave",
            "schlagwörter",
            "schlagworte",
            "stichwörter",
            "étiquettes",
            "mots clés",
            "теги",
            "метки",
        ],
    ),
    (
        Field::Points,
        &[
            "points",
            "point",
            "score",
            "marks",
            "mark",
            "puntos",
            "puntuación",
            "punkte",
            "баллы",
            "очки",
        ],
    ),
    (
        Field::Hint,
        &["hint", "pista", "hinweis", "tipp", "indice", "подсказка"],
    ),
    (
        Field::Difficulty,
        &[
            "difficulty",
            "level",
            "dificultad",
            "nivel",
            "schwierigkeit",
            "niveau",
            "difficulté",
            "сложность",
            "уровень",
        ],
    ),
    (
        Field::Unit,
        &[
            "unit",
            "units",
            "unidad",
            "einheit",
            "unité",
            "единица",
            "единицы",
        ],
    ),
    (
        Field::Tolerance,
        &[
            "tolerance",
            "tolerancia",
            "toleranz",
            "tolérance",
            "допуск",
            "погрешность",
        ],
    ),
    (
        Field::Minutes,
        &["minutes", "time", "minutos", "minuten", "минуты", "время"],
    ),
    (
        Field::Citation,
        &[
            "paragraph",
            "quote",
            "citation",
            "cite",
            "cite paragraph",
            "cite quote",
            "párrafo",
            "cita",
            "absatz",
            "zitat",
            "paragraphe",
            "абзац",
            "цитата",
        ],
    ),
];

/// The stems of numbered columns: `choice 1`, `option B`, `wrong 2`.
const CHOICE_STEMS: &[&str] = &[
    "choice",
    "option",
    "answer",
    "alternative",
    "opción",
    "respuesta",
    "alternativa",
    "antwort",
    "auswahl",
    "choix",
    "réponse",
    "proposition",
    "вариант",
    "ответ",
];
const WRONG_STEMS: &[&str] = &[
    "wrong",
    "wrong answer",
    "incorrect",
    "distractor",
    "incorrecta",
    "distractor",
    "falsch",
    "falsche antwort",
    "fausse",
    "mauvaise réponse",
    "неверный",
    "неправильный",
];

/// Kind names as cells may write them, folded without spaces.
const KINDS: &[(KindName, &[&str])] = &[
    (
        KindName::SingleChoice,
        &[
            "single",
            "singlechoice",
            "singleanswer",
            "sc",
            "mc",
            "mcq",
            "multiplechoice",
            "choice",
            "radio",
            "onechoice",
            "opcionmultiple",
            "seleccionunica",
            "einfachauswahl",
            "choixunique",
            "qcu",
            "одинвариант",
            "одиночныйвыбор",
        ],
    ),
    (
        KindName::MultipleSelect,
        &[
            "multiple",
            "multipleselect",
            "multiselect",
            "multi",
            "ms",
            "ma",
            "multipleanswer",
            "multipleanswers",
            "multipleresponse",
            "mr",
            "checkbox",
            "checkboxes",
            "selectall",
            "seleccionmultiple",
            "mehrfachauswahl",
            "choixmultiple",
            "qcm",
            "множественныйвыбор",
            "несколько",
        ],
    ),
    (
        KindName::TrueFalse,
        &[
            "truefalse",
            "tf",
            "tof",
            "boolean",
            "bool",
            "yesno",
            "verdaderofalso",
            "vf",
            "wahrfalsch",
            "richtigfalsch",
            "vraifaux",
            "верноневерно",
            "данет",
        ],
    ),
    (
        KindName::ShortAnswer,
        &[
            "short",
            "shortanswer",
            "sa",
            "text",
            "word",
            "respuestacorta",
            "kurzantwort",
            "reponsecourte",
            "короткийответ",
        ],
    ),
    (
        KindName::Numeric,
        &[
            "numeric",
            "numerical",
            "number",
            "num",
            "numerico",
            "numerisch",
            "zahl",
            "numerique",
            "числовой",
            "число",
        ],
    ),
    (
        KindName::Ordering,
        &[
            "ordering",
            "order",
            "sequence",
            "sort",
            "ordenar",
            "orden",
            "reihenfolge",
            "ordre",
            "порядок",
        ],
    ),
    (
        KindName::Matching,
        &[
            "matching",
            "match",
            "pairs",
            "emparejar",
            "relacionar",
            "zuordnung",
            "zuordnen",
            "association",
            "appariement",
            "соответствие",
        ],
    ),
    (
        KindName::Discussion,
        &[
            "discussion",
            "essay",
            "open",
            "openended",
            "discuss",
            "ensayo",
            "abierta",
            "aufsatz",
            "offen",
            "redaction",
            "ouverte",
            "эссе",
            "открытый",
            "обсуждение",
        ],
    ),
    (
        KindName::Cloze,
        &[
            "cloze",
            "gaps",
            "gapfill",
            "blanks",
            "fillintheblanks",
            "fillintheblank",
            "fillin",
            "luckentext",
            "lueckentext",
            "huecos",
            "completar",
            "textearous",
            "trous",
            "пропуски",
        ],
    ),
];

/// Words for true and false in a true/false question's `correct` cell.
const TRUE_WORDS: &[&str] = &[
    "true",
    "t",
    "yes",
    "y",
    "x",
    "1",
    "wahr",
    "richtig",
    "ja",
    "verdadero",
    "v",
    "si",
    "vrai",
    "oui",
    "верно",
    "правда",
    "да",
    "истина",
];
const FALSE_WORDS: &[&str] = &[
    "false",
    "f",
    "no",
    "n",
    "0",
    "falsch",
    "nein",
    "falso",
    "faux",
    "non",
    "неверно",
    "ложь",
    "нет",
];

/// `text` folded with no spaces, for comparing names.
fn key(text: &str) -> String {
    fold(text).replace(' ', "")
}

/// The column a header names, if quizdesk reads it.
pub fn header_field(header: &str) -> Option<Field> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    if let Some((field, _)) = HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k))
    {
        return Some(*field);
    }
    // A single letter A–H, or a stem followed by a number or a letter.
    if k.chars().count() == 1 && k.chars().all(|c| ('a'..='h').contains(&c)) {
        return Some(Field::Choice);
    }
    let numbered = |stems: &[&str]| {
        stems.iter().any(|s| {
            k.strip_prefix(&key(s)).is_some_and(|rest| {
                !rest.is_empty()
                    && (rest.chars().all(|c| c.is_ascii_digit())
                        || (rest.chars().count() == 1 && rest.chars().all(char::is_alphabetic)))
            })
        })
    };
    if numbered(WRONG_STEMS) {
        Some(Field::Wrong)
    } else if numbered(CHOICE_STEMS) {
        Some(Field::Choice)
    } else {
        None
    }
}

/// The kind a `kind` cell names.
pub fn kind_named(cell: &str) -> Option<KindName> {
    let k = key(cell);
    KINDS
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k))
        .map(|(kind, _)| *kind)
}

/// The column's letters: 0 → `A`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A number as a person would write it: `1` for 1.0, `0.3` for 0.30000000000000004 (15
/// significant digits, the precision spreadsheets show).
pub fn tidy_number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    format!("{rounded}")
}

fn tidy_value(f: f64) -> f64 {
    format!("{f:.14e}").parse().unwrap_or(f)
}

/// Imports the spreadsheet `bytes` read from `path`.
pub fn import(path: &Path, bytes: &[u8], options: &ImportOptions) -> Converted {
    let name = file_name(path);
    let grid = sheet_read::read(&name, bytes, options.sheet.as_deref());
    convert(path, grid, options)
}

/// Imports CSV text (what [`super::convert::ImportFormat::import`] is given).
pub fn import_text(path: &Path, text: &str, options: &ImportOptions) -> Converted {
    import(path, text.as_bytes(), options)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

/// Where diagnostics go.
struct Out<'a> {
    path: &'a Path,
    sheet: String,
    csv: Option<DiagnosticBuilder<'a>>,
    diagnostics: Vec<Diagnostic>,
}

impl Out<'_> {
    fn report(
        &mut self,
        severity: Severity,
        row: u32,
        col: Option<u32>,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
    ) {
        let label = match (row, col) {
            (0, _) => "here".to_owned(),
            (r, Some(c)) => format!("row {r}, column {}", column_letters(c)),
            (r, None) => format!("row {r}"),
        };
        let d = match &self.csv {
            Some(b) => b.at(severity, span, message, label, hint),
            None => {
                let place = match (row, col) {
                    (0, _) => String::new(),
                    (r, Some(c)) => format!("{}:{r}:{}", self.sheet, column_letters(c)),
                    (r, None) => format!("{}:{r}", self.sheet),
                };
                Diagnostic::placed(
                    severity,
                    self.path,
                    place,
                    row as usize,
                    col.map_or(0, |c| c as usize + 1),
                    message,
                    label,
                    hint,
                )
            }
        };
        self.diagnostics.push(d);
    }
}

/// The columns found in the header row.
struct Layout {
    header_row: u32,
    /// Per column read: its field.
    columns: Vec<(u32, Field)>,
    /// Columns not read: (column, header).
    unknown: Vec<(u32, String)>,
}

impl Layout {
    fn col(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }

    fn cols(&self, field: Field) -> Vec<u32> {
        self.columns
            .iter()
            .filter(|(_, f)| *f == field)
            .map(|(c, _)| *c)
            .collect()
    }
}

fn convert(path: &Path, grid: Grid, options: &ImportOptions) -> Converted {
    let file = file_name(path);
    let text = grid.text.clone().unwrap_or_default();
    let mut out = Out {
        path,
        sheet: grid.sheet.clone(),
        csv: None,
        diagnostics: Vec::new(),
    };
    let builder = grid
        .text
        .as_ref()
        .map(|_| DiagnosticBuilder::new(path, &text));
    out.csv = builder;
    for p in &grid.problems {
        let severity = if p.error {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.report(
            severity,
            p.row,
            p.col,
            p.span.clone(),
            p.message.clone(),
            p.hint.clone(),
        );
    }
    let mut bank = DraftBank {
        id: options.id.clone(),
        title: options.title.clone(),
        ..DraftBank::default()
    };
    let where_from = if grid.text.is_some() {
        format!("`{file}` ({})", grid.format)
    } else {
        format!("sheet `{}` of `{file}` ({})", grid.sheet, grid.format)
    };
    bank.header = vec![
        format!("Imported from {where_from} by `quizdesk import sheet`."),
        "Check it with `quizdesk check`; the format is described in quizzes/FORMAT.md.".into(),
    ];
    let fatal = grid.problems.iter().any(|p| p.error && p.row == 0);
    if !fatal && let Some(layout) = layout(&grid, &mut out) {
        {
            let mut r = RowReader {
                file,
                ids: super::text::IdSet::default(),
                ordinal: 0,
                bank: &mut bank,
                out: &mut out,
            };
            for row in grid.rows.iter().filter(|r| r.number > layout.header_row) {
                r.row(&layout, row);
            }
            if bank.questions.is_empty() && !out.diagnostics.iter().any(Diagnostic::is_error) {
                out.report(
                    Severity::Error,
                    layout.header_row,
                    None,
                    span_of_row(&grid, layout.header_row),
                    "no questions found below the header row".into(),
                    Some("write one question per row under the header".into()),
                );
            }
        }
    }
    let mut diagnostics = out.diagnostics;
    diagnostics.sort_by_key(|d| (d.line, d.column, std::cmp::Reverse(d.severity)));
    Converted {
        path: path.to_path_buf(),
        text,
        bank,
        diagnostics,
    }
}

fn span_of_row(grid: &Grid, number: u32) -> Range<usize> {
    grid.rows
        .iter()
        .find(|r| r.number == number)
        .map_or(0..0, |r| r.start..r.start)
}

/// The header row: the first of the first ten rows with a prompt column.
fn layout(grid: &Grid, out: &mut Out<'_>) -> Option<Layout> {
    let Some(first) = grid.rows.first() else {
        out.report(
            Severity::Error,
            0,
            None,
            0..0,
            format!("sheet `{}` is empty", grid.sheet),
            Some(format!(
                "write a header row ({}), then one question per row",
                expected_headers()
            )),
        );
        return None;
    };
    let Some(header) = grid.rows.iter().take(10).find(|r| {
        r.cells
            .iter()
            .any(|c| header_field(&cell_text(&c.value)) == Some(Field::Prompt))
    }) else {
        let found = first
            .cells
            .iter()
            .map(|c| cell_text(&c.value))
            .filter(|t| !t.is_empty())
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.report(
            Severity::Error,
            first.number,
            None,
            first.start..first.start,
            format!("no header row with a `prompt` column was found; the first row holds {found}"),
            Some(format!(
                "name the question's column `prompt` (or `question`, `pregunta`, `Frage`, \
                 `énoncé`, `вопрос`); the columns read are {}",
                expected_headers()
            )),
        );
        return None;
    };
    let mut columns: Vec<(u32, Field)> = Vec::new();
    let mut unknown = Vec::new();
    // A merged `choices` header: the empty header cells after it are choices too.
    let mut last: Option<Field> = None;
    let max_col = grid
        .rows
        .iter()
        .flat_map(|r| r.cells.last())
        .map(|c| c.col)
        .max()
        .unwrap_or(0);
    for col in 0..=max_col {
        let cell = header.cells.iter().find(|c| c.col == col);
        let name = cell.map(|c| cell_text(&c.value)).unwrap_or_default();
        let span = cell.map_or(header.start..header.start, |c| c.span.clone());
        if name.trim().is_empty() {
            if matches!(last, Some(Field::Choices | Field::Choice)) {
                columns.push((col, Field::Choice));
            } else {
                last = None;
                let used = grid
                    .rows
                    .iter()
                    .filter(|r| r.number > header.number)
                    .any(|r| r.cells.iter().any(|c| c.col == col));
                if used {
                    unknown.push((col, String::new()));
                    out.report(
                        Severity::Warning,
                        header.number,
                        Some(col),
                        span,
                        format!(
                            "column {} has no header: it is not read",
                            column_letters(col)
                        ),
                        Some(format!(
                            "name it; the columns read are {}",
                            expected_headers()
                        )),
                    );
                }
            }
            continue;
        }
        match header_field(&name) {
            Some(field) => {
                let repeatable = matches!(field, Field::Choice | Field::Wrong | Field::Citation);
                if !repeatable && columns.iter().any(|(_, f)| *f == field) {
                    unknown.push((col, name.trim().to_owned()));
                    out.report(
                        Severity::Warning,
                        header.number,
                        Some(col),
                        span,
                        format!(
                            "column {} (`{}`) is a second `{}` column: it is not read",
                            column_letters(col),
                            name.trim(),
                            field.name()
                        ),
                        Some("keep one column per field".into()),
                    );
                } else if field == Field::Choices
                    && columns.iter().any(|(_, f)| *f == Field::Choice)
                {
                    columns.push((col, Field::Choice));
                } else {
                    columns.push((col, field));
                }
                last = Some(field);
            }
            None => {
                last = None;
                unknown.push((col, name.trim().to_owned()));
                out.report(
                    Severity::Warning,
                    header.number,
                    Some(col),
                    span,
                    format!(
                        "column {} (`{}`) is not a column quizdesk reads: its cells are not imported",
                        column_letters(col),
                        name.trim()
                    ),
                    Some(
                        crate::diag::did_you_mean(
                            &name,
                            HEADERS.iter().flat_map(|(_, names)| names.iter().copied()),
                        )
                        .unwrap_or_else(|| format!("the columns read are {}", expected_headers())),
                    ),
                );
            }
        }
    }
    // A `choices` column with choice columns after it (a merged header) is one list.
    if columns.iter().any(|(_, f)| *f == Field::Choice) {
        for (_, f) in columns.iter_mut() {
            if *f == Field::Choices {
                *f = Field::Choice;
            }
        }
    }
    if header.number != first.number {
        out.report(
            Severity::Warning,
            first.number,
            None,
            first.start..first.start,
            format!(
                "the header row is row {}: the rows above it are not read",
                header.number
            ),
            None,
        );
    }
    Some(Layout {
        header_row: header.number,
        columns,
        unknown,
    })
}

fn expected_headers() -> String {
    "`id`, `prompt`, `kind`, `choices` (or `choice 1`, `choice 2`… or `A`, `B`…), `wrong 1`…, \
     `correct`, `feedback`, `explanation`, `section`, `tags`, `points`, `hint`, `difficulty`, \
     `unit`, `tolerance`, `minutes`"
        .to_owned()
}

/// A cell's value as text: numbers tidied, booleans `TRUE`/`FALSE`, text trimmed with CRLF as
/// LF.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Text(s) => s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned(),
        Value::Number(f) => tidy_number(*f),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Value::Date(s) => s.clone(),
        Value::Error(_) | Value::Uncomputed(_) => String::new(),
    }
}

/// A problem that refuses a row: where and what.
struct Refusal {
    col: Option<u32>,
    message: String,
    hint: Option<String>,
}

fn refuse(col: Option<u32>, message: String, hint: &str) -> Refusal {
    Refusal {
        col,
        message,
        hint: (!hint.is_empty()).then(|| hint.to_owned()),
    }
}

/// One row's cells by field.
struct Cells<'r> {
    row: &'r Row,
    layout: &'r Layout,
}

impl<'r> Cells<'r> {
    fn cell(&self, col: u32) -> Option<&'r Cell> {
        self.row.cells.iter().find(|c| c.col == col)
    }

    /// The text of the field's column ("" when absent or blank).
    fn text(&self, field: Field) -> String {
        self.layout
            .col(field)
            .and_then(|c| self.cell(c))
            .map(|c| cell_text(&c.value))
            .unwrap_or_default()
    }

    fn value(&self, field: Field) -> Option<&'r Value> {
        self.layout
            .col(field)
            .and_then(|c| self.cell(c))
            .map(|c| &c.value)
            .filter(|v| {
                !cell_text(v).is_empty() || matches!(v, Value::Error(_) | Value::Uncomputed(_))
            })
    }

    fn span(&self, col: Option<u32>) -> Range<usize> {
        col.and_then(|c| self.cell(c))
            .map_or(self.row.start..self.row.start, |c| c.span.clone())
    }

    /// The choices: the choice columns in order, or the `choices` cell split.
    fn choices(&self) -> Vec<String> {
        let cols = self.layout.cols(Field::Choice);
        if !cols.is_empty() {
            return cols
                .iter()
                .filter_map(|&c| self.cell(c))
                .map(|c| cell_text(&c.value))
                .filter(|t| !t.is_empty())
                .collect();
        }
        split_list(&self.text(Field::Choices))
    }

    fn wrongs(&self) -> Vec<String> {
        self.layout
            .cols(Field::Wrong)
            .iter()
            .filter_map(|&c| self.cell(c))
            .map(|c| cell_text(&c.value))
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn choice_col(&self) -> Option<u32> {
        self.layout
            .col(Field::Choices)
            .or_else(|| self.layout.col(Field::Choice))
    }
}

/// A list in one cell: split at `|`, or else at line breaks; items trimmed, blanks dropped.
pub fn split_list(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = if cell.contains('|') {
        cell.split('|').collect()
    } else {
        cell.split('\n').collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

struct RowReader<'a, 'o> {
    file: String,
    ids: super::text::IdSet,
    ordinal: usize,
    bank: &'a mut DraftBank,
    out: &'a mut Out<'o>,
}

/// What a row gives besides its kind: notes and warnings (column, message, hint).
#[derive(Default)]
struct Losses {
    items: Vec<(Option<u32>, String, Option<String>)>,
    /// Notes that are not losses (a kind inferred).
    remarks: Vec<String>,
}

impl Losses {
    fn lose(&mut self, col: Option<u32>, message: String, hint: &str) {
        self.items
            .push((col, message, (!hint.is_empty()).then(|| hint.to_owned())));
    }
}

impl RowReader<'_, '_> {
    fn row(&mut self, layout: &Layout, row: &Row) {
        self.ordinal += 1;
        let cells = Cells { row, layout };
        // Cells that hold no value: errors and formulas never computed.
        for (col, field) in &layout.columns {
            match cells.cell(*col).map(|c| &c.value) {
                Some(Value::Error(e)) => {
                    return self.refused(
                        &cells,
                        refuse(
                            Some(*col),
                            format!(
                                "the `{}` cell holds the spreadsheet error {e}",
                                field.name()
                            ),
                            "fix the formula, or type the value",
                        ),
                    );
                }
                Some(Value::Uncomputed(f)) => {
                    let message = format!(
                        "the `{}` cell holds the formula `{f}` with no saved value: it is read as empty",
                        field.name()
                    );
                    let span = cells.span(Some(*col));
                    self.out.report(
                        Severity::Warning,
                        row.number,
                        Some(*col),
                        span,
                        message,
                        Some("open the file in a spreadsheet program and save it again, so that the value is saved, or type the value".into()),
                    );
                }
                _ => {}
            }
        }
        let mut losses = Losses::default();
        match self.question(&cells, &mut losses) {
            Err(refusal) => self.refused(&cells, refusal),
            Ok(q) => {
                if let Some((message, hint)) = load_error(&q) {
                    let col = layout.col(Field::Prompt);
                    return self.refused(
                        &cells,
                        Refusal {
                            col,
                            message: format!("this question cannot be converted: {message}"),
                            hint,
                        },
                    );
                }
                // Unknown columns with text in this row.
                for (col, header) in &layout.unknown {
                    if let Some(c) = cells.cell(*col) {
                        let t = cell_text(&c.value);
                        if !t.is_empty() {
                            let name = if header.is_empty() {
                                format!("column {}", column_letters(*col))
                            } else {
                                format!("column {} (`{header}`)", column_letters(*col))
                            };
                            losses.remarks.push(format!(
                                "{name} is not a column quizdesk reads: `{}` was not kept.",
                                super::text::one_line(&t)
                            ));
                        }
                    }
                }
                let mut notes = losses.remarks;
                for (col, message, hint) in losses.items {
                    notes.push(message.clone());
                    let span = cells.span(col);
                    self.out
                        .report(Severity::Warning, row.number, col, span, message, hint);
                }
                if let Some(section) = &q.section
                    && !self.bank.sections.contains(section)
                {
                    self.bank.sections.push(section.clone());
                }
                self.bank.questions.push(Draft {
                    question: q,
                    origin: Some(format!("{}:{}", self.file, row.number)),
                    notes,
                });
            }
        }
    }

    fn refused(&mut self, cells: &Cells<'_>, r: Refusal) {
        let span = cells.span(r.col);
        self.out.report(
            Severity::Error,
            cells.row.number,
            r.col,
            span,
            r.message,
            r.hint,
        );
    }

    fn question(
        &mut self,
        cells: &Cells<'_>,
        losses: &mut Losses,
    ) -> Result<crate::bank::Question, Refusal> {
        let layout = cells.layout;
        let prompt_col = layout.col(Field::Prompt);
        let prompt = cells.text(Field::Prompt);
        let kind_text = cells.text(Field::Kind);
        let kind_col = layout.col(Field::Kind);
        let correct_col = layout.col(Field::Correct);
        let named = if kind_text.is_empty() {
            None
        } else {
            Some(kind_named(&kind_text).ok_or_else(|| {
                refuse(
                    kind_col,
                    format!("`{kind_text}` is not a question kind"),
                    "write one of `single`, `multiple`, `truefalse`, `short`, `numeric`, \
                     `ordering`, `matching`, `discussion`, `cloze` (or leave it empty to have \
                     it guessed from the other cells)",
                )
            })?)
        };
        let kind_name = match named {
            Some(k) => k,
            None => {
                let k = infer_kind(cells).ok_or_else(|| {
                    if prompt.is_empty() {
                        refuse(
                            prompt_col,
                            "the prompt is empty".into(),
                            "write the question in the `prompt` column",
                        )
                    } else {
                        refuse(
                            correct_col.or(prompt_col),
                            "the row has no correct answer, so its kind cannot be told".into(),
                            "fill in the `correct` column, or name the kind in a `kind` column \
                             (`discussion` for a question with no single answer)",
                        )
                    }
                })?;
                losses.remarks.push(format!(
                    "The kind was not given: read as {} from the row's cells.",
                    k.label()
                ));
                k
            }
        };
        if prompt.is_empty() && kind_name != KindName::Cloze {
            return Err(refuse(
                prompt_col,
                "the prompt is empty".into(),
                "write the question in the `prompt` column",
            ));
        }
        let (prompt, kind) = self.kind(cells, kind_name, prompt, losses)?;
        let id = self.id(cells, losses);
        let mut q = plain_question(id, prompt, kind);
        q.explanation = cells.text(Field::Explanation);
        let section = cells.text(Field::Section);
        q.section = (!section.is_empty()).then_some(section);
        q.tags = cells
            .text(Field::Tags)
            .split([',', ';', '|', '\n'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let hint = cells.text(Field::Hint);
        q.hint = (!hint.is_empty()).then_some(hint);
        if let Some(v) = cells.value(Field::Points) {
            let col = layout.col(Field::Points);
            let n = match v {
                Value::Number(f) => Some(*f),
                other => crate::kinds::parse_number(&cell_text(other), None).ok(),
            };
            match n {
                Some(n) if n.fract() == 0.0 && (1.0..=1000.0).contains(&n) => q.points = n as u32,
                _ => losses.lose(
                    col,
                    format!(
                        "the points `{}` are not a whole number from 1 to 1000: the question is worth 1 point",
                        cell_text(v)
                    ),
                    "write a whole number such as 2",
                ),
            }
        }
        let difficulty = cells.text(Field::Difficulty);
        if !difficulty.is_empty() {
            match difficulty_named(&difficulty) {
                Some(d) => q.difficulty = d,
                None => losses.lose(
                    layout.col(Field::Difficulty),
                    format!(
                        "the difficulty `{difficulty}` is not easy, medium or hard: it is medium"
                    ),
                    "write `easy`, `medium` or `hard` (or 1, 2, 3)",
                ),
            }
        }
        for col in layout.cols(Field::Citation) {
            if let Some(c) = cells.cell(col) {
                let t = cell_text(&c.value);
                if !t.is_empty() {
                    losses.lose(
                        Some(col),
                        format!(
                            "the citation `{}` was not kept: an imported bank has no source to cite",
                            super::text::one_line(&t)
                        ),
                        "add a `source` to the bank, then a `cite: (paragraph: N, quote: \"…\")` to the question",
                    );
                }
            }
        }
        Ok(q)
    }

    fn id(&mut self, cells: &Cells<'_>, losses: &mut Losses) -> String {
        let given = cells.text(Field::Id);
        let col = cells.layout.col(Field::Id);
        if given.is_empty() {
            return self.ids.unique(format!("q{}", self.ordinal));
        }
        let base = match super::text::id_from_title(&given) {
            Some(id) => {
                if id != given {
                    losses.lose(
                        col,
                        format!("the id `{given}` is not a valid id: it is `{id}`"),
                        "ids use letters, digits, `-`, `_` and `.`, starting with a letter or digit",
                    );
                }
                id
            }
            None => format!("q{}", self.ordinal),
        };
        let id = self.ids.unique(base.clone());
        if id != base {
            losses.lose(
                col,
                format!("the id `{base}` is used by an earlier row: this question's id is `{id}`"),
                "give each question its own id",
            );
        }
        id
    }

    /// The question's prompt and kind.
    fn kind(
        &mut self,
        cells: &Cells<'_>,
        kind: KindName,
        prompt: String,
        losses: &mut Losses,
    ) -> Result<(String, Kind), Refusal> {
        let layout = cells.layout;
        let correct = cells.text(Field::Correct);
        let correct_col = layout.col(Field::Correct);
        let feedback = cells.text(Field::Feedback);
        let feedback_col = layout.col(Field::Feedback);
        let choice_col = cells.choice_col();
        let lose_feedback = |losses: &mut Losses, what: &str| {
            if !feedback.is_empty() {
                losses.lose(
                    feedback_col,
                    format!(
                        "the feedback `{}` was not kept: {what} has no place for it",
                        super::text::one_line(&feedback)
                    ),
                    "put it in the `explanation` column",
                );
            }
        };
        let lose_unit = |losses: &mut Losses, cells: &Cells<'_>| {
            for field in [Field::Unit, Field::Tolerance, Field::Minutes] {
                let t = cells.text(field);
                if !t.is_empty() {
                    losses.lose(
                        layout.col(field),
                        format!(
                            "the {} `{t}` was not kept: it is not used by a {} question",
                            field.name(),
                            kind.label()
                        ),
                        "",
                    );
                }
            }
        };
        let k = match kind {
            KindName::SingleChoice | KindName::MultipleSelect => {
                lose_unit(losses, cells);
                let (texts, correct_ix) = choices_and_key(cells, &correct)?;
                let multiple = kind == KindName::MultipleSelect;
                if !multiple && correct_ix.len() > 1 {
                    return Err(refuse(
                        correct_col,
                        format!(
                            "a single-choice question has one correct choice, and `{correct}` names {}",
                            correct_ix.len()
                        ),
                        "write the kind `multiple` for a question with several correct choices",
                    ));
                }
                let feedbacks = split_feedback(&feedback);
                let mut choices: Vec<Choice> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Choice {
                        text: t.clone(),
                        correct: correct_ix.contains(&i),
                        feedback: String::new(),
                        misconception: None,
                        pinned: false,
                    })
                    .collect();
                if feedbacks.len() == 1 && choices.len() > 1 && !feedback.contains('|') {
                    for c in choices.iter_mut().filter(|c| !c.correct) {
                        c.feedback.clone_from(&feedbacks[0]);
                    }
                    losses
                        .remarks
                        .push("The one feedback was given to every wrong choice.".to_owned());
                } else {
                    for (c, f) in choices.iter_mut().zip(&feedbacks) {
                        c.feedback.clone_from(f);
                    }
                    if feedbacks.len() > choices.len() {
                        losses.lose(
                            feedback_col,
                            format!(
                                "{} feedbacks for {} choices: the last {} were not kept",
                                feedbacks.len(),
                                choices.len(),
                                feedbacks.len() - choices.len()
                            ),
                            "give one feedback per choice, in the choices' order, separated by `|`",
                        );
                    }
                }
                if multiple {
                    Kind::MultipleSelect(choices)
                } else {
                    Kind::SingleChoice(choices)
                }
            }
            KindName::TrueFalse => {
                lose_unit(losses, cells);
                let answer = match cells.value(Field::Correct) {
                    Some(Value::Bool(b)) => *b,
                    Some(Value::Number(f)) if *f == 1.0 || *f == 0.0 => *f == 1.0,
                    _ => truth(&correct).ok_or_else(|| {
                        refuse(
                            correct_col,
                            if correct.is_empty() {
                                "a true/false question needs `true` or `false` in the `correct` column".into()
                            } else {
                                format!("`{correct}` is neither true nor false")
                            },
                            "write `true` or `false` (also `T`/`F`, `yes`/`no`, `x` for true)",
                        )
                    })?,
                };
                let parts = split_feedback(&feedback);
                let (feedback_true, feedback_false) = match parts.as_slice() {
                    [t, f] if feedback.contains('|') => (t.clone(), f.clone()),
                    _ if answer => (String::new(), feedback.clone()),
                    _ => (feedback.clone(), String::new()),
                };
                Kind::TrueFalse(TrueFalse {
                    answer,
                    feedback_true,
                    feedback_false,
                    misconception: None,
                })
            }
            KindName::ShortAnswer => {
                lose_unit(losses, cells);
                // The feedback column is what any other answer is told.
                let otherwise = feedback.trim().to_owned();
                let accept = split_list(&correct);
                if accept.is_empty() {
                    return Err(refuse(
                        correct_col,
                        "a short-answer question needs its accepted answers in the `correct` column".into(),
                        "write the answer; separate other accepted forms with `|`",
                    ));
                }
                let mut wrongs = cells.wrongs();
                wrongs.extend(cells.choices());
                Kind::ShortAnswer(ShortAnswer {
                    otherwise,
                    accept,
                    typos: 0,
                    wrong: wrongs
                        .into_iter()
                        .map(|text| KnownWrong {
                            text,
                            feedback: String::new(),
                            misconception: None,
                        })
                        .collect(),
                })
            }
            KindName::Numeric => {
                lose_feedback(losses, "a numeric question");
                let minutes = cells.text(Field::Minutes);
                if !minutes.is_empty() {
                    losses.lose(
                        layout.col(Field::Minutes),
                        format!(
                            "the minutes `{minutes}` were not kept: only a discussion has them"
                        ),
                        "",
                    );
                }
                let unit_cell = cells.text(Field::Unit);
                let unit_given = (!unit_cell.is_empty()).then_some(unit_cell);
                let (target, unit) = match cells.value(Field::Correct) {
                    Some(Value::Number(f)) => (
                        NumericTarget::Near {
                            value: tidy_value(*f),
                            tolerance: 0.0,
                        },
                        None,
                    ),
                    _ => {
                        numeric_target(&correct).map_err(|m| refuse(correct_col, m, NUMBER_HINT))?
                    }
                };
                let target = match (target, cells.value(Field::Tolerance)) {
                    (NumericTarget::Near { value, tolerance }, Some(t)) => {
                        let t = match t {
                            Value::Number(f) => Ok(tidy_value(*f)),
                            other => crate::kinds::parse_number(&cell_text(other), None),
                        }
                        .map_err(|_| {
                            refuse(
                                layout.col(Field::Tolerance),
                                format!("the tolerance `{}` is not a number", cell_text(t)),
                                "write a number such as 0.5",
                            )
                        })?;
                        NumericTarget::Near {
                            value,
                            tolerance: if tolerance == 0.0 { t } else { tolerance },
                        }
                    }
                    (target, _) => target,
                };
                Kind::Numeric(Numeric {
                    target,
                    unit: unit_given.or(unit),
                })
            }
            KindName::Ordering => {
                lose_unit(losses, cells);
                lose_feedback(losses, "an ordering question");
                let choices = cells.choices();
                let items = if choices.is_empty() {
                    split_list(&correct)
                } else if correct.is_empty() {
                    choices
                } else {
                    let order = resolve_key(&correct, &choices).ok_or_else(|| {
                        refuse(
                            correct_col,
                            format!("`{correct}` does not give the order of the items"),
                            "leave `correct` empty and write the items in their right order, or give the order as letters such as `C, A, B`",
                        )
                    })?;
                    if order.len() != choices.len() {
                        return Err(refuse(
                            correct_col,
                            format!(
                                "`{correct}` orders {} of the {} items",
                                order.len(),
                                choices.len()
                            ),
                            "name every item once, such as `C, A, B`",
                        ));
                    }
                    order
                        .iter()
                        .filter_map(|&i| choices.get(i).cloned())
                        .collect()
                };
                if items.is_empty() {
                    return Err(refuse(
                        choice_col.or(correct_col),
                        "an ordering question needs its items".into(),
                        "write the items in their right order in the choice columns, or in `correct` separated by `|`",
                    ));
                }
                Kind::Ordering(items)
            }
            KindName::Matching => {
                lose_unit(losses, cells);
                lose_feedback(losses, "a matching question");
                let mut items = cells.choices();
                let mut col = choice_col;
                if items.is_empty() {
                    items = split_list(&correct);
                    col = correct_col;
                }
                let mut pairs = Vec::new();
                let mut distractors = cells.wrongs();
                for item in items {
                    match split_pair(&item) {
                        Some((l, r)) if l.is_empty() => distractors.push(r),
                        Some((l, r)) => pairs.push((l, r)),
                        None => {
                            return Err(refuse(
                                col,
                                format!("`{item}` is not a pair"),
                                "write each pair as `left -> right`; `-> option` is an option that matches nothing",
                            ));
                        }
                    }
                }
                Kind::Matching(Matching { pairs, distractors })
            }
            KindName::Discussion => {
                lose_feedback(losses, "a discussion question");
                for field in [Field::Unit, Field::Tolerance] {
                    let t = cells.text(field);
                    if !t.is_empty() {
                        losses.lose(layout.col(field), format!("the {} `{t}` was not kept: it is not used by a discussion question", field.name()), "");
                    }
                }
                if correct.is_empty() {
                    return Err(refuse(
                        correct_col,
                        "a discussion question needs a model answer in the `correct` column".into(),
                        "write what a strong answer says",
                    ));
                }
                let mut rubric: Vec<RubricPoint> =
                    cells.choices().iter().map(|p| rubric_point(p)).collect();
                if rubric.is_empty() {
                    rubric.push(RubricPoint {
                        point: "Makes the points of the model answer.".into(),
                        weight: 1,
                        citation: None,
                    });
                    losses.lose(
                        choice_col.or(correct_col),
                        "the row gives no rubric: one placeholder point was written".into(),
                        "write the rubric points in the choice columns (or `choices`, separated by `|`), a weight in brackets: `Names the city (2)`",
                    );
                }
                let minutes = match cells.value(Field::Minutes) {
                    None => None,
                    Some(v) => {
                        let n = match v {
                            Value::Number(f) => Some(*f),
                            other => crate::kinds::parse_number(&cell_text(other), None).ok(),
                        };
                        match n {
                            Some(n) if n.fract() == 0.0 && (1.0..=600.0).contains(&n) => {
                                Some(n as u32)
                            }
                            _ => {
                                losses.lose(
                                    layout.col(Field::Minutes),
                                    format!(
                                        "the minutes `{}` are not a whole number: no time was kept",
                                        cell_text(v)
                                    ),
                                    "write a whole number of minutes such as 5",
                                );
                                None
                            }
                        }
                    }
                };
                Kind::Discussion(Discussion {
                    model_answer: correct.clone(),
                    rubric,
                    minutes,
                })
            }
            KindName::Cloze => {
                lose_unit(losses, cells);
                lose_feedback(losses, "a fill-in-the-blanks question");
                let (text, col, prompt) = if correct.contains('{') {
                    (correct.clone(), correct_col, prompt)
                } else {
                    (prompt, layout.col(Field::Prompt), CLOZE_PROMPT.to_owned())
                };
                let prompt = if prompt.is_empty() {
                    CLOZE_PROMPT.to_owned()
                } else {
                    prompt
                };
                let cloze = cloze(&text).map_err(|m| {
                    refuse(col, m, "write each gap in braces: `{Pyongyang|P'yongyang}` for a typed gap, `{=right ~wrong ~wrong}` or `{*right|wrong}` for a drop-down")
                })?;
                return Ok((prompt, Kind::Cloze(cloze)));
            }
        };
        Ok((prompt, k))
    }
}

const NUMBER_HINT: &str = "write a number (`42`), a number and a tolerance (`42 ± 0.5`, `42 +- 0.5`) or a range \
     (`40..45`), with a unit after it if it has one (`42 km`)";

/// The kind a row's cells suggest.
fn infer_kind(cells: &Cells<'_>) -> Option<KindName> {
    let correct = cells.text(Field::Correct);
    let prompt = cells.text(Field::Prompt);
    let has_gap = |t: &str| cloze(t).is_ok();
    if (correct.is_empty() && has_gap(&prompt)) || (correct.contains('{') && has_gap(&correct)) {
        return Some(KindName::Cloze);
    }
    let choices = cells.choices();
    if !choices.is_empty() || !cells.wrongs().is_empty() {
        if choices.iter().any(|c| split_pair(c).is_some()) {
            return Some(KindName::Matching);
        }
        return match choices_and_key(cells, &correct) {
            Ok((_, key)) if key.len() > 1 => Some(KindName::MultipleSelect),
            Ok(_) => Some(KindName::SingleChoice),
            Err(_) if correct.is_empty() => None,
            Err(_) => Some(KindName::SingleChoice),
        };
    }
    if correct.is_empty() {
        return None;
    }
    if matches!(cells.value(Field::Correct), Some(Value::Bool(_))) || truth_word(&correct).is_some()
    {
        return Some(KindName::TrueFalse);
    }
    if matches!(cells.value(Field::Correct), Some(Value::Number(_)))
        || numeric_target(&correct).is_ok()
    {
        return Some(KindName::Numeric);
    }
    if split_list(&correct).iter().all(|p| split_pair(p).is_some()) {
        return Some(KindName::Matching);
    }
    Some(KindName::ShortAnswer)
}

/// The choices of a choice question and the indices of the correct ones: `correct` as a
/// choice's text, texts separated by `|`, letters (`B`, `A, C`), positions (`2`) when no choice
/// is a number, or choices marked with a leading `*`. Correct texts with `wrong N` columns make
/// the choices themselves.
fn choices_and_key(cells: &Cells<'_>, correct: &str) -> Result<(Vec<String>, Vec<usize>), Refusal> {
    let correct_col = cells.layout.col(Field::Correct);
    let mut texts = cells.choices();
    let wrongs = cells.wrongs();
    if texts.is_empty() && !wrongs.is_empty() {
        let right = split_list(correct);
        if right.is_empty() {
            return Err(refuse(
                correct_col,
                "the row has wrong answers but no correct one".into(),
                "write the correct answer in the `correct` column",
            ));
        }
        let n = right.len();
        texts = right;
        texts.extend(wrongs);
        return Ok((texts, (0..n).collect()));
    }
    texts.extend(wrongs);
    let mut marked = Vec::new();
    for (i, t) in texts.iter_mut().enumerate() {
        if let Some(rest) = t.strip_prefix('*') {
            *t = rest.trim().to_owned();
            marked.push(i);
        }
    }
    if texts.len() < 2 {
        return Err(refuse(
            cells.choice_col(),
            format!(
                "a choice question needs at least two choices, and the row has {}",
                texts.len()
            ),
            "write one choice per column (`choice 1`, `choice 2`…), or all in `choices` separated by `|`",
        ));
    }
    if correct.is_empty() {
        if marked.is_empty() {
            return Err(refuse(
                correct_col,
                "the row does not say which choice is correct".into(),
                "write its letter (`B`), letters (`A, C`) or text in the `correct` column, or mark it with a leading `*`",
            ));
        }
        return Ok((texts, marked));
    }
    let key = resolve_key(correct, &texts).ok_or_else(|| {
        let last = char::from(b'A' + u8::try_from(texts.len().min(26) - 1).unwrap_or(0));
        refuse(
            correct_col,
            format!("`{correct}` is neither a choice's letter (A–{last}) nor the text of a choice"),
            "write the letter (`B`), letters (`A, C`), or the choice's text as written",
        )
    })?;
    let mut all = marked;
    for k in key {
        if !all.contains(&k) {
            all.push(k);
        }
    }
    all.sort_unstable();
    Ok((texts, all))
}

/// The choices `correct` names, in its order.
fn resolve_key(correct: &str, texts: &[String]) -> Option<Vec<usize>> {
    let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
    let find = |s: &str| {
        let f = fold(s);
        folded.iter().position(|t| *t == f && !f.is_empty())
    };
    if let Some(i) = find(correct) {
        return Some(vec![i]);
    }
    if correct.contains('|') {
        let parts: Option<Vec<usize>> = split_list(correct).iter().map(|p| find(p)).collect();
        if let Some(parts) = parts.filter(|p| !p.is_empty()) {
            return Some(parts);
        }
    }
    let tokens: Vec<&str> = correct
        .split(|c: char| matches!(c, ',' | ';' | '|' | '/' | '&' | '+') || c.is_whitespace())
        .map(|t| {
            t.trim()
                .trim_end_matches([')', '.'])
                .trim_start_matches('(')
        })
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("and"))
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let numbers_are_choices = texts.iter().any(|t| t.trim().parse::<f64>().is_ok());
    let mut out = Vec::new();
    for t in tokens {
        let mut chars = t.chars();
        let index = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => {
                usize::from(u8::try_from(c.to_ascii_uppercase()).ok()? - b'A')
            }
            _ if !numbers_are_choices => t.parse::<usize>().ok()?.checked_sub(1)?,
            _ => return None,
        };
        if index >= texts.len() {
            return None;
        }
        out.push(index);
    }
    Some(out)
}

fn split_feedback(feedback: &str) -> Vec<String> {
    if feedback.is_empty() {
        return Vec::new();
    }
    if feedback.contains('|') {
        feedback.split('|').map(|s| s.trim().to_owned()).collect()
    } else {
        vec![feedback.trim().to_owned()]
    }
}

fn truth_word(text: &str) -> Option<bool> {
    let k = key(text);
    if TRUE_WORDS.iter().any(|w| key(w) == k) || matches!(text.trim(), "✓" | "✔") {
        Some(true)
    } else if FALSE_WORDS.iter().any(|w| key(w) == k) || matches!(text.trim(), "✗" | "✘") {
        Some(false)
    } else {
        None
    }
}

fn truth(text: &str) -> Option<bool> {
    truth_word(text)
}

fn difficulty_named(text: &str) -> Option<Difficulty> {
    let k = key(text);
    let is = |words: &[&str]| words.iter().any(|w| key(w) == k);
    if is(&[
        "easy",
        "1",
        "e",
        "fácil",
        "leicht",
        "facile",
        "лёгкий",
        "легкий",
        "простой",
    ]) {
        Some(Difficulty::Easy)
    } else if is(&[
        "medium",
        "2",
        "m",
        "normal",
        "media",
        "medio",
        "mittel",
        "moyen",
        "moyenne",
        "средний",
    ]) {
        Some(Difficulty::Medium)
    } else if is(&[
        "hard",
        "3",
        "h",
        "difficult",
        "difícil",
        "schwer",
        "difficile",
        "сложный",
        "трудный",
    ]) {
        Some(Difficulty::Hard)
    } else {
        None
    }
}

/// `left -> right` (also `→`, `=>`).
fn split_pair(item: &str) -> Option<(String, String)> {
    ["->", "→", "=>"].iter().find_map(|arrow| {
        item.split_once(arrow)
            .map(|(l, r)| (l.trim().to_owned(), r.trim().to_owned()))
    })
}

/// A rubric point, with a weight in brackets at its end: `Names the city (2)`.
fn rubric_point(text: &str) -> RubricPoint {
    let weighted = text.strip_suffix(')').and_then(|rest| {
        let (point, weight) = rest.rsplit_once('(')?;
        let weight: u32 = weight
            .trim()
            .parse()
            .ok()
            .filter(|w| (1..=1000).contains(w))?;
        Some((point.trim().to_owned(), weight))
    });
    match weighted {
        Some((point, weight)) if !point.is_empty() => RubricPoint {
            point,
            weight,
            citation: None,
        },
        _ => RubricPoint {
            point: text.to_owned(),
            weight: 1,
            citation: None,
        },
    }
}

/// A numeric answer written in a cell: `42`, `42 ± 0.5`, `42 +- 0.5`, `42 +/- 0.5`, `40..45`,
/// each with an optional unit after it (`42 km`).
pub fn numeric_target(text: &str) -> Result<(NumericTarget, Option<String>), String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("a numeric question needs its answer in the `correct` column".into());
    }
    // The unit: what follows the last digit, if it is not a number's part.
    let last_digit = t
        .rfind(|c: char| c.is_ascii_digit())
        .ok_or_else(|| format!("`{t}` is not a number"))?;
    let (body, unit) = t.split_at(last_digit + 1);
    let unit = unit.trim();
    let unit = (!unit.is_empty()).then(|| unit.to_owned());
    let number = |s: &str| {
        crate::kinds::parse_number(s.trim(), None)
            .ok()
            .filter(|f| f.is_finite())
            .map(tidy_value)
            .ok_or_else(|| format!("`{}` is not a number", s.trim()))
    };
    for sep in ["±", "+/-", "+-"] {
        if let Some((v, tol)) = body.split_once(sep) {
            let value = number(v)?;
            let tolerance = number(tol)?;
            if tolerance < 0.0 {
                return Err(format!("the tolerance `{}` is negative", tol.trim()));
            }
            return Ok((NumericTarget::Near { value, tolerance }, unit));
        }
    }
    if let Some((a, b)) = body.split_once("..") {
        let (min, max) = (number(a)?, number(b)?);
        if min > max {
            return Err(format!("the range `{t}` runs backwards"));
        }
        return Ok((NumericTarget::Range { min, max }, unit));
    }
    Ok((
        NumericTarget::Near {
            value: number(body)?,
            tolerance: 0.0,
        },
        unit,
    ))
}

/// A cloze text with its gaps in braces: `{a|b}` or `{=a =b}` typed (accepted answers), `{=right
/// ~wrong#why}` or `{*right|wrong}` a drop-down (a choice's feedback after `#`).
pub fn cloze(text: &str) -> Result<Cloze, String> {
    let mut segments = Vec::new();
    let mut gaps = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let before = rest.get(..open).unwrap_or("");
        if before.contains('}') {
            return Err("a `}` comes before its `{`".into());
        }
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after
            .find('}')
            .ok_or_else(|| "a gap's `{` is never closed with `}`".to_owned())?;
        let inside = after.get(..close).unwrap_or("");
        if inside.contains('{') {
            return Err("a `{` inside a gap".into());
        }
        if !before.is_empty() {
            segments.push(Segment::Text(before.to_owned()));
        }
        segments.push(Segment::Gap(gaps.len()));
        gaps.push(gap(inside).map_err(|m| format!("gap {}: {m}", gaps.len() + 1))?);
        rest = after.get(close + 1..).unwrap_or("");
    }
    if rest.contains('}') {
        return Err("a `}` comes before its `{`".into());
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    if gaps.is_empty() {
        return Err("the text has no gaps in braces".into());
    }
    Ok(Cloze { segments, gaps })
}

fn gap(inside: &str) -> Result<Gap, String> {
    let inside = inside.trim();
    if inside.is_empty() {
        return Err("the gap `{}` is empty".into());
    }
    // `text#feedback`, as in GIFT.
    let choice = |text: &str, correct: bool| {
        let (text, feedback) = text.split_once('#').unwrap_or((text, ""));
        Choice {
            text: text.trim().to_owned(),
            correct,
            feedback: feedback.trim().to_owned(),
            misconception: None,
            pinned: false,
        }
    };
    if inside.contains('~') {
        let mut choices = Vec::new();
        let mut current = String::new();
        let mut correct = false;
        let mut started = false;
        for c in inside.chars() {
            if c == '=' || c == '~' {
                if started && !current.trim().is_empty() {
                    choices.push(choice(&current, correct));
                }
                current.clear();
                correct = c == '=';
                started = true;
            } else {
                current.push(c);
            }
        }
        if started && !current.trim().is_empty() {
            choices.push(choice(&current, correct));
        }
        return Ok(Gap::Choose(choices));
    }
    let parts: Vec<&str> = if inside.starts_with('=') {
        inside.split('=').collect()
    } else {
        inside.split('|').collect()
    };
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().any(|p| p.starts_with('*')) {
        return Ok(Gap::Choose(
            parts
                .iter()
                .map(|p| match p.strip_prefix('*') {
                    Some(right) => choice(right, true),
                    None => choice(p, false),
                })
                .collect(),
        ));
    }
    Ok(Gap::Typed(ShortAnswer {
        accept: parts.into_iter().map(str::to_owned).collect(),
        typos: 0,
        wrong: Vec::new(),
        otherwise: String::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_kinds_are_recognised() {
        assert_eq!(header_field(" Question "), Some(Field::Prompt));
        assert_eq!(header_field("PREGUNTA"), Some(Field::Prompt));
        assert_eq!(header_field("Frage"), Some(Field::Prompt));
        assert_eq!(header_field("Énoncé"), Some(Field::Prompt));
        assert_eq!(header_field("Вопрос"), Some(Field::Prompt));
        assert_eq!(header_field("Choice 3"), Some(Field::Choice));
        assert_eq!(header_field("Option B"), Some(Field::Choice));
        assert_eq!(header_field("c"), Some(Field::Choice));
        assert_eq!(header_field("Wrong answer 2"), Some(Field::Wrong));
        assert_eq!(header_field("Correct answer"), Some(Field::Correct));
        assert_eq!(header_field("Notes"), None);
        assert_eq!(kind_named("MC"), Some(KindName::SingleChoice));
        assert_eq!(kind_named("True/False"), Some(KindName::TrueFalse));
        assert_eq!(kind_named("fill in the blanks"), Some(KindName::Cloze));
        assert_eq!(kind_named("Verdadero/Falso"), Some(KindName::TrueFalse));
        assert_eq!(kind_named("nonsense"), None);
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_are_tidied() {
        assert_eq!(tidy_number(1.0), "1");
        assert_eq!(tidy_number(0.1 + 0.2), "0.3");
        assert_eq!(tidy_number(-2.5), "-2.5");
        assert_eq!(tidy_value(0.1 + 0.2), 0.3);
    }

    #[test]
    fn numeric_cells_are_read() {
        let near = |t: &str| match numeric_target(t) {
            Ok((NumericTarget::Near { value, tolerance }, unit)) => Some((value, tolerance, unit)),
            _ => None,
        };
        assert_eq!(near("42"), Some((42.0, 0.0, None)));
        assert_eq!(near("42 ± 0.5"), Some((42.0, 0.5, None)));
        assert_eq!(near("42 +- 0,5 km"), Some((42.0, 0.5, Some("km".into()))));
        assert_eq!(near("-3 +/- 1"), Some((-3.0, 1.0, None)));
        assert!(matches!(
            numeric_target("40..45 years"),
            Ok((NumericTarget::Range { min: 40.0, max: 45.0 }, Some(u))) if u == "years"
        ));
        assert!(numeric_target("45..40").is_err());
        assert!(numeric_target("about").is_err());
    }

    #[test]
    fn cloze_gaps_are_read() {
        let c = cloze("Putin flew to {Pyongyang|P'yongyang} to meet {=Kim Jong Un ~Kim Il Sung}.")
            .unwrap();
        assert_eq!(c.gaps.len(), 2);
        assert!(matches!(&c.gaps[0], Gap::Typed(sa) if sa.accept == ["Pyongyang", "P'yongyang"]));
        assert!(
            matches!(&c.gaps[1], Gap::Choose(ch) if ch.len() == 2 && ch[0].correct && !ch[1].correct)
        );
        assert!(matches!(&cloze("a {*x|y} b").unwrap().gaps[0], Gap::Choose(ch) if ch[0].correct));
        assert!(cloze("no gaps").is_err());
        assert!(cloze("open {gap").is_err());
        assert!(cloze("empty {}").is_err());
    }

    #[test]
    fn keys_are_resolved() {
        let t: Vec<String> = ["Moscow", "Pyongyang", "Seoul"].map(String::from).into();
        assert_eq!(resolve_key("B", &t), Some(vec![1]));
        assert_eq!(resolve_key("a, c", &t), Some(vec![0, 2]));
        assert_eq!(resolve_key("pyongyang", &t), Some(vec![1]));
        assert_eq!(resolve_key("Seoul | Moscow", &t), Some(vec![2, 0]));
        assert_eq!(resolve_key("2", &t), Some(vec![1]));
        assert_eq!(resolve_key("E", &t), None);
        let n: Vec<String> = ["1961", "2000", "2"].map(String::from).into();
        assert_eq!(resolve_key("2", &n), Some(vec![2]));
    }
}
