//! Reading a spreadsheet into a grid of cells, for [`super::sheet`]: CSV (through
//! [`crate::csvio`]), Excel (`.xlsx`, `.xlsm`, `.xls`) and OpenDocument (`.ods`) workbooks
//! (through `calamine`), with every limit checked before the workbook is read.
//!
//! The format is told by the file's first bytes, not its name: a zip archive holding
//! `xl/workbook.xml` is Excel, one holding `content.xml` is OpenDocument, an OLE file (`D0 CF 11
//! E0`) is old Excel, and anything else is CSV text. A workbook is a zip archive, so a small file
//! can unpack to a huge one: before calamine sees it, every member of the archive is inflated
//! once, only to count its real size, and the reading stops at [`MAX_UNPACKED_BYTES`]. Cells are
//! read one at a time from an Excel sheet (never as one rectangle, which a single far-away cell
//! such as `XFD1048576` would make 17 billion cells wide), and an OpenDocument sheet's repeated
//! rows and columns are counted before it is read.

use std::io::{Cursor, Read};
use std::ops::Range;

use calamine::{Data, DataRef, Reader};

/// The largest spreadsheet file read (the bank limit).
pub const MAX_FILE_BYTES: u64 = crate::bank::MAX_FILE_BYTES;
/// The most bytes a workbook's archive may unpack to, all members together.
pub const MAX_UNPACKED_BYTES: u64 = 64 << 20;
/// The most members a workbook's archive may have.
pub const MAX_ARCHIVE_MEMBERS: usize = 10_000;
/// The last row read: rows below it are reported, not read.
pub const MAX_ROWS: u32 = 100_000;
/// Columns after this many are not read.
pub const MAX_COLUMNS: u32 = 256;
/// The most cells (with a value) read from a sheet, and the most an OpenDocument sheet's
/// repeated cells may stand for.
pub const MAX_CELLS: usize = 2_000_000;

/// What a cell holds, as the spreadsheet has it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or time, written ISO 8601 (`2024-06-19`, `2024-06-19T10:30:00`).
    Date(String),
    /// A spreadsheet error such as `#N/A` (the cached value of a formula that failed).
    Error(String),
    /// A formula whose value was never computed and saved (the file was written by a program
    /// that does not calculate): its formula text.
    Uncomputed(String),
}

/// One cell with a value.
#[derive(Clone, Debug)]
pub struct Cell {
    /// 0-based column.
    pub col: u32,
    pub value: Value,
    /// Byte range of the field in a CSV text (empty for a workbook).
    pub span: Range<usize>,
}

/// One row with at least one cell that is not blank.
#[derive(Clone, Debug)]
pub struct Row {
    /// 1-based row number, as the spreadsheet shows it (for CSV, the line the row starts on).
    pub number: u32,
    /// Byte offset of the row in a CSV text (0 for a workbook).
    pub start: usize,
    /// Cells sorted by column.
    pub cells: Vec<Cell>,
}

/// A problem met while reading, before any question is looked at.
#[derive(Clone, Debug)]
pub struct ReadProblem {
    pub error: bool,
    /// 1-based row, or 0 for the file as a whole.
    pub row: u32,
    pub col: Option<u32>,
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// The sheet read.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The format, as messages name it (`CSV`, `Excel (.xlsx)`, `OpenDocument (.ods)`).
    pub format: &'static str,
    /// The sheet's name (for CSV, the file's name).
    pub sheet: String,
    /// The CSV text, for diagnostics that show the line (`None` for a workbook).
    pub text: Option<String>,
    pub rows: Vec<Row>,
    pub problems: Vec<ReadProblem>,
}

impl Grid {
    fn file_problem(&mut self, message: String, hint: Option<String>) {
        self.problems.push(ReadProblem {
            error: true,
            row: 0,
            col: None,
            span: 0..0,
            message,
            hint,
        });
    }
}

/// What the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
    Csv,
}

/// The name a spreadsheet file's extension gives it, if any.
fn named_format(name: &str) -> Option<Format> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "ods" => Some(Format::Ods),
        "xls" => Some(Format::Xls),
        "csv" | "tsv" | "txt" => Some(Format::Csv),
        _ => None,
    }
}

/// Reads the sheet `wanted` (or the first) of the spreadsheet `bytes`, named `name`.
pub fn read(name: &str, bytes: &[u8], wanted: Option<&str>) -> Grid {
    let mut grid = Grid {
        format: "CSV",
        sheet: name.to_owned(),
        ..Grid::default()
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        grid.file_problem(
            format!(
                "the file is larger than the {} MiB limit",
                MAX_FILE_BYTES >> 20
            ),
            Some("split the questions over several files".into()),
        );
        return grid;
    }
    let named = named_format(name);
    let found = if bytes.starts_with(b"PK\x03\x04") {
        match check_archive(bytes) {
            Ok(found) => found,
            Err(problem) => {
                grid.format = "a zip archive";
                grid.file_problem(problem, Some(RESAVE.into()));
                return grid;
            }
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some(Format::Xls)
    } else {
        Some(Format::Csv)
    };
    let Some(found) = found else {
        grid.file_problem(
            "the file is a zip archive but not an Excel or OpenDocument spreadsheet".into(),
            Some(RESAVE.into()),
        );
        return grid;
    };
    if found == Format::Csv && matches!(named, Some(Format::Xlsx | Format::Ods | Format::Xls)) {
        grid.file_problem(
            "the file is not a spreadsheet: it is neither a zip archive (.xlsx, .ods) nor an \
             Excel 97 file (.xls); it may be damaged or cut short"
                .into(),
            Some(RESAVE.into()),
        );
        return grid;
    }
    if found != Format::Csv && named.is_some_and(|n| n != found) {
        grid.problems.push(ReadProblem {
            error: false,
            row: 0,
            col: None,
            span: 0..0,
            message: format!(
                "the file is named like {} but is {}: it was read as what it is",
                format_name(named.unwrap_or(Format::Csv)),
                format_name(found)
            ),
            hint: Some("rename it to match what it holds".into()),
        });
    }
    grid.format = format_name(found);
    match found {
        Format::Csv => read_csv(&mut grid, bytes),
        Format::Xlsx => read_xlsx(&mut grid, bytes, wanted),
        Format::Ods => read_range_workbook::<calamine::Ods<_>>(&mut grid, bytes, wanted),
        Format::Xls => read_range_workbook::<calamine::Xls<_>>(&mut grid, bytes, wanted),
    }
    grid
}

const RESAVE: &str = "open it in your spreadsheet program and save it again as .xlsx, .ods or \
                      CSV (UTF-8)";

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "Excel (.xlsx)",
        Format::Ods => "OpenDocument (.ods)",
        Format::Xls => "Excel 97 (.xls)",
        Format::Csv => "CSV",
    }
}

/// Inflates every member of the archive once, counting its real size against
/// [`MAX_UNPACKED_BYTES`] (declared sizes can lie), and tells Excel from OpenDocument. An
/// OpenDocument file's `content.xml` is also checked for repeated cells that would stand for
/// more than [`MAX_CELLS`] cells.
fn check_archive(bytes: &[u8]) -> Result<Option<Format>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the file is a damaged zip archive ({e})"))?;
    if archive.len() > MAX_ARCHIVE_MEMBERS {
        return Err(format!(
            "the archive has {} parts, more than the {MAX_ARCHIVE_MEMBERS} a spreadsheet may have",
            archive.len()
        ));
    }
    let mut total: u64 = 0;
    let mut format = None;
    let mut content = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| format!("part {} of the archive cannot be read ({e})", i + 1))?;
        let name = member
            .name()
            .map_err(|e| format!("part {} of the archive has a bad name ({e})", i + 1))?
            .into_owned();
        let left = MAX_UNPACKED_BYTES.saturating_sub(total);
        let mut limited = (&mut member).take(left + 1);
        let size = if name == "content.xml" {
            content.clear();
            limited.read_to_end(&mut content).map(|n| n as u64)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
        }
        .map_err(|e| format!("part `{name}` of the archive is damaged ({e})"))?;
        total += size;
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "the workbook unpacks to more than {} MiB (at part `{name}`): it is too large, \
                 or a zip bomb",
                MAX_UNPACKED_BYTES >> 20
            ));
        }
        match name.as_str() {
            "xl/workbook.xml" => format = Some(Format::Xlsx),
            "content.xml" if format.is_none() => format = Some(Format::Ods),
            _ => {}
        }
    }
    if format == Some(Format::Ods) {
        let cells = ods_repeated_cells(&content);
        if cells > MAX_CELLS as u64 {
            return Err(format!(
                "a sheet's values span {cells} cells (repeated rows and columns counted), more \
                 than the {MAX_CELLS} read"
            ));
        }
    }
    Ok(format)
}

/// How many cells the rectangle calamine builds for an OpenDocument sheet may hold: from the
/// first row with a value to the last, times the widest extent of a row's values, counting
/// `number-rows-repeated` and `number-columns-repeated` (the biggest of all the sheets in
/// `content.xml`). Rows and cells that are empty only (LibreOffice repeats them to the edge of
/// the sheet) add nothing.
fn ods_repeated_cells(xml: &[u8]) -> u64 {
    let mut biggest: u64 = 0;
    // Per sheet: the row reached, the first and last rows with values, the widest row.
    let (mut row_at, mut first, mut last, mut width) = (0u64, None::<u64>, 0u64, 0u64);
    let mut row_repeat: u64 = 1;
    let (mut col_at, mut row_width) = (0u64, 0u64);
    let mut rest = xml;
    while let Some(at) = rest.iter().position(|&b| b == b'<') {
        rest = rest.get(at + 1..).unwrap_or(&[]);
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let tag = rest.get(..end).unwrap_or(&[]);
        if tag.starts_with(b"table:table ") || tag == b"table:table" {
            (row_at, first, last, width) = (0, None, 0, 0);
        } else if tag.starts_with(b"/table:table") && !tag.starts_with(b"/table:table-") {
            if let Some(first) = first {
                let height = last.saturating_sub(first).saturating_add(1);
                biggest = biggest.max(height.saturating_mul(width));
            }
        } else if tag.starts_with(b"table:table-row ") || tag == b"table:table-row" {
            row_repeat = attr_number(tag, b"table:number-rows-repeated=\"").max(1);
            (col_at, row_width) = (0, 0);
        } else if tag.starts_with(b"/table:table-row") {
            if row_width > 0 {
                first.get_or_insert(row_at);
                last = row_at.saturating_add(row_repeat - 1);
                width = width.max(row_width);
            }
            row_at = row_at.saturating_add(row_repeat);
        } else if tag.starts_with(b"table:table-cell")
            || tag.starts_with(b"table:covered-table-cell")
        {
            let empty = tag.ends_with(b"/") && !contains(tag, b"office:value-type");
            col_at =
                col_at.saturating_add(attr_number(tag, b"table:number-columns-repeated=\"").max(1));
            if !empty {
                row_width = col_at;
            }
        }
        rest = rest.get(end..).unwrap_or(&[]);
    }
    biggest
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn attr_number(tag: &[u8], attr: &[u8]) -> u64 {
    let Some(at) = tag.windows(attr.len()).position(|w| w == attr) else {
        return 1;
    };
    let digits = tag
        .get(at + attr.len()..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .take(12);
    digits.fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'))
}

fn read_csv(grid: &mut Grid, bytes: &[u8]) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            grid.file_problem(
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {})",
                    e.valid_up_to()
                ),
                Some(
                    "save it from your spreadsheet program as \u{201c}CSV UTF-8\u{201d}, or as \
                     .xlsx or .ods"
                        .into(),
                ),
            );
            return;
        }
    };
    if text.contains('\0') {
        grid.file_problem(
            "the file holds NUL bytes: it is not CSV text".into(),
            Some(RESAVE.into()),
        );
        return;
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(bom..).unwrap_or("");
    let delimiter = sniff_delimiter(body);
    let mut count = 0usize;
    for row in crate::csvio::rows_with_spans(body, delimiter) {
        match row {
            Err(e) => grid.problems.push(ReadProblem {
                error: true,
                row: u32::try_from(e.line).unwrap_or(u32::MAX),
                col: None,
                span: line_start(body, e.line) + bom..line_start(body, e.line) + bom,
                message: e.reason,
                hint: Some("the rest of the row was not read; fix its quotes".into()),
            }),
            Ok((row, spans)) => {
                let number = u32::try_from(row.line).unwrap_or(u32::MAX);
                if number > MAX_ROWS {
                    grid.problems.push(too_many_rows(number));
                    break;
                }
                let cells: Vec<Cell> = row
                    .fields
                    .into_iter()
                    .zip(spans)
                    .enumerate()
                    // Blank fields are kept, so that a message about one points at it.
                    .filter_map(|(i, (f, span))| {
                        let col = u32::try_from(i).ok().filter(|&c| c < MAX_COLUMNS)?;
                        Some(Cell {
                            col,
                            value: Value::Text(crate::csvio::unguard(f)),
                            span: span.start + bom..span.end + bom,
                        })
                    })
                    .collect();
                count += cells
                    .iter()
                    .filter(|c| c.value != Value::Text(String::new()))
                    .count();
                if count > MAX_CELLS {
                    grid.problems.push(too_many_cells(number));
                    break;
                }
                let start = cells.first().map_or(0, |c| c.span.start);
                grid.rows.push(Row {
                    number,
                    start,
                    cells,
                });
            }
        }
    }
    grid.text = Some(text.to_owned());
}

fn line_start(text: &str, line: usize) -> usize {
    crate::diag::LineIndex::new(text).offset(text, line, 1)
}

/// `,`, `;` (spreadsheets set to a decimal-comma language) or a tab: whichever the first line
/// has most of, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab > semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

fn too_many_rows(row: u32) -> ReadProblem {
    ReadProblem {
        error: true,
        row,
        col: None,
        span: 0..0,
        message: format!(
            "the sheet goes on past row {MAX_ROWS}: the rows from here on were not read"
        ),
        hint: Some("split the questions over several files".into()),
    }
}

fn too_many_cells(row: u32) -> ReadProblem {
    ReadProblem {
        error: true,
        row,
        col: None,
        span: 0..0,
        message: format!(
            "the sheet has more than {MAX_CELLS} cells with values: the rows from here on were not read"
        ),
        hint: Some("split the questions over several files".into()),
    }
}

/// The sheet to read: `wanted` (compared ignoring case), or the first.
fn pick_sheet(grid: &mut Grid, names: &[String], wanted: Option<&str>) -> Option<String> {
    let listed = || {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => {
            let found = names.iter().find(|n| n.as_str() == w).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(w.trim()))
            });
            if found.is_none() {
                grid.file_problem(
                    format!(
                        "the workbook has no sheet `{w}`; its sheets are {}",
                        listed()
                    ),
                    Some("give one of them with `--sheet NAME`".into()),
                );
            }
            found.cloned()
        }
        None => {
            let first = names.first().cloned();
            if first.is_none() {
                grid.file_problem("the workbook has no sheets".into(), None);
            }
            first
        }
    }
}

fn read_xlsx(grid: &mut Grid, bytes: &[u8], wanted: Option<&str>) {
    let mut book: calamine::Xlsx<_> = match calamine::Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => {
            return grid.file_problem(
                format!("the workbook cannot be read: {e}"),
                Some(RESAVE.into()),
            );
        }
    };
    let names = book.sheet_names();
    let Some(sheet) = pick_sheet(grid, &names, wanted) else {
        return;
    };
    grid.sheet.clone_from(&sheet);
    let mut reader = match book.worksheet_cells_reader(&sheet) {
        Ok(reader) => reader,
        Err(e) => {
            return grid.file_problem(
                format!("sheet `{sheet}` cannot be read: {e}"),
                Some(RESAVE.into()),
            );
        }
    };
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    let mut wide = false;
    loop {
        let cell = match reader.next_cell_with_formula() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                grid.file_problem(
                    format!(
                        "sheet `{sheet}` is damaged: {e}; the cells after the damage were not read"
                    ),
                    Some(RESAVE.into()),
                );
                break;
            }
        };
        let (row, col) = cell.pos;
        if row >= MAX_ROWS {
            grid.problems.push(too_many_rows(row + 1));
            break;
        }
        if col >= MAX_COLUMNS {
            wide = true;
            continue;
        }
        let value = match (value_of_ref(cell.value), cell.formula) {
            (Some(v), _) => v,
            (None, Some(f)) if !f.trim().is_empty() => Value::Uncomputed(f),
            (None, _) => continue,
        };
        if cells.len() >= MAX_CELLS {
            grid.problems.push(too_many_cells(row + 1));
            break;
        }
        cells.push((row, col, value));
    }
    if wide {
        grid.problems.push(too_wide());
    }
    grid.rows = rows_of(cells);
}

fn too_wide() -> ReadProblem {
    ReadProblem {
        error: false,
        row: 0,
        col: None,
        span: 0..0,
        message: format!("the sheet has cells past column {MAX_COLUMNS}: they were not read"),
        hint: None,
    }
}

/// Cells `(row, col, value)` (0-based) grouped into rows, in order.
fn rows_of(mut cells: Vec<(u32, u32, Value)>) -> Vec<Row> {
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let mut rows: Vec<Row> = Vec::new();
    for (r, col, value) in cells {
        let number = r + 1;
        let cell = Cell {
            col,
            value,
            span: 0..0,
        };
        match rows.last_mut() {
            Some(row) if row.number == number => row.cells.push(cell),
            _ => rows.push(Row {
                number,
                start: 0,
                cells: vec![cell],
            }),
        }
    }
    rows
}

/// A workbook calamine reads a whole sheet of at once (OpenDocument, Excel 97).
fn read_range_workbook<R>(grid: &mut Grid, bytes: &[u8], wanted: Option<&str>)
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut book = match R::new(Cursor::new(bytes.to_vec())) {
        Ok(book) => book,
        Err(e) => {
            return grid.file_problem(
                format!("the workbook cannot be read: {e}"),
                Some(RESAVE.into()),
            );
        }
    };
    let names = book.sheet_names();
    let Some(sheet) = pick_sheet(grid, &names, wanted) else {
        return;
    };
    grid.sheet.clone_from(&sheet);
    let range = match book.worksheet_range(&sheet) {
        Ok(range) => range,
        Err(e) => {
            return grid.file_problem(
                format!("sheet `{sheet}` cannot be read: {e}"),
                Some(RESAVE.into()),
            );
        }
    };
    let formulas = book.worksheet_formula(&sheet).ok();
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut cells = Vec::new();
    let mut wide = false;
    for (r, c, data) in range.used_cells() {
        let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
            continue;
        };
        let (row, col) = (row0.saturating_add(r), col0.saturating_add(c));
        if row >= MAX_ROWS {
            grid.problems.push(too_many_rows(row + 1));
            break;
        }
        if col >= MAX_COLUMNS {
            wide = true;
            continue;
        }
        let Some(value) = value_of(data) else {
            continue;
        };
        if cells.len() >= MAX_CELLS {
            grid.problems.push(too_many_cells(row + 1));
            break;
        }
        cells.push((row, col, value));
    }
    // Formulas with no saved value: calamine gives them no value at all.
    if let Some(formulas) = formulas {
        let (f_row0, f_col0) = formulas.start().unwrap_or((0, 0));
        for (r, c, formula) in formulas.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            let (row, col) = (f_row0.saturating_add(r), f_col0.saturating_add(c));
            if row >= MAX_ROWS || col >= MAX_COLUMNS || formula.trim().is_empty() {
                continue;
            }
            let empty = range
                .get_value((row, col))
                .is_none_or(|d| value_of(d).is_none());
            if empty && cells.len() < MAX_CELLS {
                cells.push((row, col, Value::Uncomputed(formula.clone())));
            }
        }
    }
    if wide {
        grid.problems.push(too_wide());
    }
    grid.rows = rows_of(cells);
}

fn value_of(data: &Data) -> Option<Value> {
    Some(match data {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => Value::Date(excel_date(d.as_f64(), d.is_duration())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => return None,
    })
}

fn value_of_ref(data: DataRef<'_>) -> Option<Value> {
    match data {
        DataRef::SharedString(s) => value_of(&Data::String(s.to_owned())),
        other => value_of(&Data::from(other)),
    }
}

/// An Excel date serial (days since 1899-12-30, the 1900 date system) as ISO 8601: a date,
/// or a date and time when it has a time of day; a duration as `[h]:mm:ss`.
fn excel_date(serial: f64, duration: bool) -> String {
    if !serial.is_finite() || serial.abs() > 3_000_000.0 {
        return format!("{serial}");
    }
    let seconds = (serial * 86_400.0).round() as i64;
    if duration {
        let s = seconds.abs();
        return format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
    }
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Days from 1970-01-01: the serial day 25569 is 1970-01-01.
    let (y, m, d) = civil_from_days(days - 25_569);
    if secs == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        )
    }
}

/// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_delimiters() {
        assert_eq!(excel_date(45462.0, false), "2024-06-19");
        assert_eq!(excel_date(45462.5, false), "2024-06-19T12:00:00");
        assert_eq!(excel_date(1.5, true), "36:00:00");
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
    }

    #[test]
    fn repeated_ods_cells_are_counted() {
        let xml = br#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
        assert_eq!(ods_repeated_cells(xml), 1_000_000);
        // One value far down, one far right: the rectangle between them counts.
        let far = br#"<table:table><table:table-row><table:table-cell office:value-type="string"/></table:table-row><table:table-row table:number-rows-repeated="999998"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert_eq!(ods_repeated_cells(far), 1_000_000 * 16_384);
    }
}
