//! The law and the format's values in words, for documents and returns.

/// UK GDPR Article 6(1) bases.
pub fn article6(letter: &str) -> String {
    let basis = match letter {
        "a" => "consent",
        "b" => "contract",
        "c" => "legal obligation",
        "d" => "vital interests",
        "e" => "public task",
        "f" => "legitimate interests",
        _ => "unknown basis",
    };
    format!("Article 6(1)({letter}): {basis}")
}

/// UK GDPR Article 9(2) conditions.
pub fn article9(letter: &str) -> String {
    let condition = match letter {
        "a" => "explicit consent",
        "b" => "employment, social security and social protection",
        "c" => "vital interests",
        "d" => "not-for-profit bodies",
        "e" => "made public by the data subject",
        "f" => "legal claims",
        "g" => "substantial public interest",
        "h" => "health or social care",
        "i" => "public health",
        "j" => "archiving, research and statistics",
        _ => "unknown condition",
    };
    format!("Article 9(2)({letter}): {condition}")
}

/// A DPA 2018 Schedule 1 condition written `part1-para2`.
pub fn schedule1(condition: &str) -> String {
    if condition == "official-authority" {
        return "under the control of official authority".to_owned();
    }
    match condition
        .strip_prefix("part")
        .and_then(|rest| rest.split_once("-para"))
    {
        Some((part, paragraph)) => format!("DPA 2018 Schedule 1 Part {part} paragraph {paragraph}"),
        None => condition.to_owned(),
    }
}

/// Items joined with "; " for a cell.
pub fn list<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn bases_in_words() {
        assert_eq!(super::article6("e"), "Article 6(1)(e): public task");
        assert_eq!(
            super::article9("h"),
            "Article 9(2)(h): health or social care"
        );
        assert_eq!(
            super::schedule1("part2-para18"),
            "DPA 2018 Schedule 1 Part 2 paragraph 18"
        );
    }
}
