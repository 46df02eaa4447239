//! "Did you mean ...?" for misspelt field names, enum values and ids.

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo: at most a third of the input's length in edits (at least one).
/// Ties go to the candidate that sorts first.
///
/// A national registry offers 50,000 organisation ids for each misspelt
/// reference, so each candidate costs as little as it can: one whose length
/// alone puts it further away than the best so far is skipped, the distance
/// is given up as soon as it must exceed that, and no memory is allocated
/// per candidate.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_chars = lowercase(input, Vec::new());
    let limit = (input.chars().count() / 3).max(1);
    let mut candidate_chars = Vec::new();
    let mut rows = Rows::default();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let bound = best.map_or(limit, |(distance, _)| distance);
        candidate_chars = lowercase(candidate, candidate_chars);
        if input_chars.len().abs_diff(candidate_chars.len()) > bound {
            continue;
        }
        let Some(distance) = rows.distance_within(&input_chars, &candidate_chars, bound) else {
            continue;
        };
        if best.is_none_or(|best| (distance, candidate) < best) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The characters of `text` in lower case, in `buffer`'s memory.
fn lowercase(text: &str, mut buffer: Vec<char>) -> Vec<char> {
    buffer.clear();
    if text.is_ascii() {
        buffer.extend(
            text.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    } else {
        buffer.extend(text.to_lowercase().chars());
    }
    buffer
}

/// The rows of the distance table, kept from one candidate to the next.
#[derive(Default)]
struct Rows {
    cells: Vec<usize>,
}

impl Rows {
    /// The optimal string alignment distance between `a` and `b`
    /// (insertions, deletions, substitutions and transpositions of
    /// neighbours each cost one), or `None` when it is more than `bound`.
    fn distance_within(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        // What the two share at either end costs nothing; ids of one
        // registry share most of it (`org-10045`, `org-10046`), which
        // leaves a table of a few cells.
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (a, b) = (&a[prefix..], &b[prefix..]);
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
        if a.is_empty() || b.is_empty() {
            let distance = a.len().max(b.len());
            return (distance <= bound).then_some(distance);
        }
        let width = b.len() + 1;
        self.cells.clear();
        self.cells.resize((a.len() + 1) * width, 0);
        let rows = &mut self.cells;
        for (j, cell) in rows.iter_mut().enumerate().take(width) {
            *cell = j;
        }
        for i in 1..=a.len() {
            rows[i * width] = i;
            let mut row_min = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (rows[(i - 1) * width + j] + 1)
                    .min(rows[i * width + j - 1] + 1)
                    .min(rows[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(rows[(i - 2) * width + j - 2] + 1);
                }
                rows[i * width + j] = best;
                row_min = row_min.min(best);
            }
            // Every later cell is at least the least of this row: the
            // cells below come from it, and a transposition from the row
            // before costs no less than the substitution it passes through
            // here.
            if row_min > bound {
                return None;
            }
        }
        let distance = rows[a.len() * width + b.len()];
        (distance <= bound).then_some(distance)
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    /// The plain definition, to compare the quick one with: the full table
    /// for every candidate, then the nearest within the limit.
    fn reference<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
        fn distance(a: &str, b: &str) -> usize {
            let a: Vec<char> = a.to_lowercase().chars().collect();
            let b: Vec<char> = b.to_lowercase().chars().collect();
            let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in d.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    d[i][j] = (d[i - 1][j] + 1)
                        .min(d[i][j - 1] + 1)
                        .min(d[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                    }
                }
            }
            d[a.len()][b.len()]
        }
        let limit = (input.chars().count() / 3).max(1);
        candidates
            .iter()
            .filter(|candidate| **candidate != input)
            .map(|candidate| (distance(input, candidate), *candidate))
            .filter(|(distance, _)| *distance <= limit)
            .min()
            .map(|(_, candidate)| candidate)
    }

    /// Seeded words over a few letters (so that near misses are common),
    /// with capitals and a non-ASCII letter now and then.
    #[test]
    fn agrees_with_the_plain_definition() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let letters = ['a', 'b', 'c', 'd', '-', 'A', 'é'];
        let word = |next: &mut dyn FnMut(u64) -> u64| -> String {
            let length = next(12);
            (0..length)
                .map(|_| letters[next(letters.len() as u64) as usize])
                .collect()
        };
        for _ in 0..3000 {
            let input = word(&mut next);
            let owned: Vec<String> = (0..next(30)).map(|_| word(&mut next)).collect();
            let candidates: Vec<&str> = owned.iter().map(String::as_str).collect();
            assert_eq!(
                did_you_mean(&input, candidates.iter().copied()),
                reference(&input, &candidates),
                "{input:?} among {candidates:?}"
            );
        }
    }

    #[test]
    fn finds_close_candidates_only() {
        let fields = ["signatory", "role", "org", "contract"];
        assert_eq!(did_you_mean("signatry", fields), Some("signatory"));
        assert_eq!(did_you_mean("rloe", fields), Some("role"));
        assert_eq!(did_you_mean("Org", fields), Some("org"));
        assert_eq!(did_you_mean("purpose", fields), None);
    }
}
