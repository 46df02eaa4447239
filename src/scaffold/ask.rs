//! Asking for the answers `isg new` needs: from command-line options when
//! given, otherwise on a terminal, one plain question at a time with the
//! allowed choices numbered and a default to accept with Enter, and `back`
//! to change the answer before. Without a terminal nothing is asked: every
//! answer without a default must come as an option, and all that are
//! missing are named together.

use std::collections::VecDeque;
use std::io::{BufRead, Write};

/// What a person types to change the answer before (see [`Asker::go_back`]).
pub const BACK: &str = "back";

/// One question.
#[derive(Clone, Debug, Default)]
pub struct Question<'q> {
    /// The option that answers it, e.g. `--kind`.
    pub flag: &'q str,
    /// The question, e.g. "What kind of organisation is it?".
    pub prompt: &'q str,
    /// A line of help under the question (the schema's description).
    pub help: &'q str,
    /// The allowed answers, if only some are.
    pub choices: Vec<&'q str>,
    /// The answer taken when none is given.
    pub default: Option<String>,
    /// Whether it may be left unanswered.
    pub optional: bool,
}

impl<'q> Question<'q> {
    pub fn new(flag: &'q str, prompt: &'q str) -> Question<'q> {
        Question {
            flag,
            prompt,
            ..Question::default()
        }
    }

    pub fn help(mut self, help: &'q str) -> Self {
        self.help = help;
        self
    }

    pub fn choices(mut self, choices: Vec<&'q str>) -> Self {
        self.choices = choices;
        self
    }

    pub fn with_default(mut self, default: impl Into<Option<String>>) -> Self {
        self.default = default.into();
        self
    }

    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// The person answering, if there is one.
pub struct Terminal<'io> {
    pub input: Box<dyn BufRead + 'io>,
    pub output: Box<dyn Write + 'io>,
}

/// Collects answers, and the problems with those given as options.
pub struct Asker<'io> {
    terminal: Option<Terminal<'io>>,
    problems: Vec<String>,
    /// What was typed at each question answered on the terminal, in order.
    typed: Vec<String>,
    /// Answers to give again, silently, after going back.
    replay: VecDeque<String>,
    /// Whether the person has been told how to answer.
    introduced: bool,
}

/// Why the questions stopped before the last was answered.
#[derive(Debug, thiserror::Error)]
pub enum Ended {
    /// The person stopped answering (end of input).
    #[error("no answer was given (input ended); nothing was written")]
    Input,
    /// The person typed `back`: the questions are asked again from the
    /// start, the answers before the last given again without asking
    /// ([`Asker::go_back`]).
    #[error("an earlier answer is to be changed")]
    Back,
}

type Check<'c> = &'c dyn Fn(&str) -> Result<(), String>;

impl<'io> Asker<'io> {
    pub fn new(terminal: Option<Terminal<'io>>) -> Asker<'io> {
        Asker {
            terminal,
            problems: Vec::new(),
            typed: Vec::new(),
            replay: VecDeque::new(),
            introduced: false,
        }
    }

    /// Makes ready to ask the questions again after [`Ended::Back`]: every
    /// answer typed before the last is given again without being shown,
    /// so the question before the one where `back` was typed is the first
    /// asked. The questions depend only on earlier answers, so asking them
    /// again in order reaches the same questions.
    pub fn go_back(&mut self) {
        self.typed.pop();
        self.replay = std::mem::take(&mut self.typed).into();
        self.problems.clear();
    }

    /// Asks `questions` until they are all answered, starting again
    /// whenever the person goes back.
    pub fn ask_all<T>(
        &mut self,
        mut questions: impl FnMut(&mut Self) -> Result<T, Ended>,
    ) -> Result<T, Ended> {
        loop {
            match questions(self) {
                Err(Ended::Back) => self.go_back(),
                done => return done,
            }
        }
    }

    pub fn is_interactive(&self) -> bool {
        self.terminal.is_some()
    }

    /// Prints a line to the person answering (nothing without a terminal,
    /// nor while answers are given again after going back: the person has
    /// read it).
    pub fn say(&mut self, text: &str) -> Result<(), Ended> {
        if let Some(terminal) = &mut self.terminal
            && self.replay.is_empty()
        {
            writeln!(terminal.output, "{text}").map_err(|_| Ended::Input)?;
        }
        Ok(())
    }

    /// A text answer, checked by `check`.
    pub fn text(
        &mut self,
        given: Option<&str>,
        question: &Question,
        check: Check,
    ) -> Result<Option<String>, Ended> {
        self.answer(given, question, &|answer: &str| {
            check(answer).map(|()| answer.to_owned())
        })
    }

    /// One of the question's choices, by name or (on a terminal) number.
    pub fn one_of(
        &mut self,
        given: Option<&str>,
        question: &Question,
    ) -> Result<Option<String>, Ended> {
        self.one_of_unless(given, question, &|_| None)
    }

    /// One of the question's choices, refusing an answer for which
    /// `ruled_out` gives the reason (an earlier answer that rules it out).
    pub fn one_of_unless(
        &mut self,
        given: Option<&str>,
        question: &Question,
        ruled_out: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<String>, Ended> {
        let choices = &question.choices;
        self.answer(given, question, &|answer: &str| match ruled_out(answer) {
            Some(why) => Err(why),
            None => pick(choices, answer),
        })
    }

    /// Several of the question's choices, separated by commas or spaces.
    pub fn many_of(
        &mut self,
        given: Option<&str>,
        question: &Question,
    ) -> Result<Option<Vec<String>>, Ended> {
        let choices = &question.choices;
        self.answer(given, question, &|answer: &str| {
            let picked: Result<Vec<String>, String> = answer
                .split([',', ' '])
                .filter(|part| !part.is_empty())
                .map(|part| pick(choices, part))
                .collect();
            let mut picked = picked?;
            picked.dedup();
            if picked.is_empty() {
                return Err("choose at least one".to_owned());
            }
            Ok(picked)
        })
    }

    /// Yes or no.
    pub fn yes_no(
        &mut self,
        given: Option<&str>,
        question: &Question,
    ) -> Result<Option<bool>, Ended> {
        self.answer(
            given,
            question,
            &|answer: &str| match answer.to_ascii_lowercase().as_str() {
                "y" | "yes" | "true" => Ok(true),
                "n" | "no" | "false" => Ok(false),
                _ => Err("answer yes or no".to_owned()),
            },
        )
    }

    /// A whole number within `range`.
    pub fn number(
        &mut self,
        given: Option<&str>,
        question: &Question,
        range: std::ops::RangeInclusive<i64>,
    ) -> Result<Option<i64>, Ended> {
        self.answer(given, question, &|answer: &str| {
            let number: i64 = answer
                .replace([',', '_'], "")
                .parse()
                .map_err(|_| format!("`{answer}` is not a whole number"))?;
            if range.contains(&number) {
                Ok(number)
            } else {
                Err(format!(
                    "give a number from {} to {}",
                    range.start(),
                    range.end()
                ))
            }
        })
    }

    /// Records a problem found outside a single question (a party that
    /// cannot join, say), reported with the others at the end.
    pub fn problem(&mut self, flag: &str, why: &str) {
        self.problems.push(format!("{flag}: {why}"));
    }

    /// Ends the questions: `Err` lists every missing or wrong option.
    pub fn finish(self) -> Result<(), String> {
        if self.problems.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{}\nRun the command on a terminal to be asked, or give these options (see --help).",
            self.problems.join("\n")
        ))
    }

    fn answer<T>(
        &mut self,
        given: Option<&str>,
        question: &Question,
        parse: &dyn Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, Ended> {
        // Text pasted from a word processor or a spreadsheet can carry
        // invisible characters (a line break inside a cell, a tab between
        // cells) that would go into the record and every document made
        // from it.
        let parse = |answer: &str| match answer.chars().find(|c| c.is_control()) {
            Some(control) => Err(format!(
                "it holds an invisible character (U+{:04X}), perhaps pasted in with the text; type it instead",
                u32::from(control)
            )),
            None => parse(answer),
        };
        if let Some(given) = given {
            return Ok(match parse(given.trim()) {
                Ok(value) => Some(value),
                Err(why) => {
                    self.problems
                        .push(format!("{} `{given}`: {why}", question.flag));
                    None
                }
            });
        }
        let Some(terminal) = &mut self.terminal else {
            if let Some(default) = &question.default {
                return Ok(parse(default).ok());
            }
            if !question.optional {
                self.problems
                    .push(format!("{} is needed: {}", question.flag, question.prompt));
            }
            return Ok(None);
        };
        // After going back, the answers before are given again unseen.
        if let Some(line) = self.replay.pop_front() {
            if let Some(Ok(value)) = accept(&line, question, &parse) {
                self.typed.push(line);
                return Ok(value);
            }
            // An answer that no longer fits (which the same questions in
            // the same order never give) is asked for again.
            self.replay.clear();
        }
        let output = &mut terminal.output;
        let introduce = !std::mem::replace(&mut self.introduced, true);
        let mut show = || -> std::io::Result<()> {
            if introduce {
                writeln!(
                    output,
                    "Answer each question and press Enter; type `{BACK}` to change the answer before."
                )?;
            }
            writeln!(output)?;
            writeln!(output, "{}", question.prompt)?;
            if !question.help.is_empty() {
                writeln!(output, "  {}", question.help)?;
            }
            // A national registry has thousands of agreements: past a
            // screenful, type the id (a near miss gets a suggestion).
            if question.choices.len() <= 30 {
                for (number, choice) in question.choices.iter().enumerate() {
                    writeln!(output, "  {:>2}  {choice}", number + 1)?;
                }
            }
            match (&question.default, question.optional) {
                (Some(default), _) => write!(output, "[{default}] > ")?,
                (None, true) => write!(output, "(Enter to leave out) > ")?,
                (None, false) => write!(output, "> ")?,
            }
            output.flush()
        };
        show().map_err(|_| Ended::Input)?;
        loop {
            let mut line = String::new();
            let read = terminal
                .input
                .read_line(&mut line)
                .map_err(|_| Ended::Input)?;
            if read == 0 {
                return Err(Ended::Input);
            }
            let line = line.trim();
            let retry = if line.eq_ignore_ascii_case(BACK) {
                if !self.typed.is_empty() {
                    return Err(Ended::Back);
                }
                "This is the first question".to_owned()
            } else {
                match accept(line, question, &parse) {
                    Some(Ok(value)) => {
                        self.typed.push(line.to_owned());
                        return Ok(value);
                    }
                    Some(Err(why)) => why,
                    None => "An answer is needed".to_owned(),
                }
            };
            write!(terminal.output, "{retry}. Try again > ").map_err(|_| Ended::Input)?;
            terminal.output.flush().map_err(|_| Ended::Input)?;
        }
    }
}

/// What a line typed at `question` answers: `None` when it is empty and
/// the question has neither a default nor may be left out; `Ok(None)` when
/// it is left out.
fn accept<T>(
    line: &str,
    question: &Question,
    parse: &dyn Fn(&str) -> Result<T, String>,
) -> Option<Result<Option<T>, String>> {
    match (line.is_empty(), &question.default) {
        (false, _) => Some(parse(line).map(Some)),
        (true, Some(default)) => Some(parse(default).map(Some)),
        (true, None) if question.optional => Some(Ok(None)),
        (true, None) => None,
    }
}

/// A choice by name, or by its number in the list.
fn pick(choices: &[&str], answer: &str) -> Result<String, String> {
    if choices.is_empty() || choices.contains(&answer) {
        return Ok(answer.to_owned());
    }
    if let Ok(number) = answer.parse::<usize>()
        && let Some(choice) = number.checked_sub(1).and_then(|i| choices.get(i))
    {
        return Ok((*choice).to_owned());
    }
    let hint = crate::text::suggest::did_you_mean(answer, choices.iter().copied())
        .map(|close| format!(" (did you mean `{close}`?)"))
        .unwrap_or_default();
    Err(format!(
        "`{answer}` is not one of {}{hint}",
        choices.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::{Asker, Question, Terminal};

    fn on_terminal(input: &str) -> (Asker<'_>, std::rc::Rc<std::cell::RefCell<Vec<u8>>>) {
        #[derive(Clone)]
        struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.borrow_mut().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let shared = Shared(Default::default());
        let asker = Asker::new(Some(Terminal {
            input: Box::new(input.as_bytes()),
            output: Box::new(shared.clone()),
        }));
        (asker, shared.0)
    }

    #[test]
    fn a_terminal_answer_is_asked_again_until_it_is_allowed() {
        let (mut asker, output) = on_terminal("council\n2\n\n");
        let kind =
            Question::new("--kind", "What kind?").choices(vec!["nhs-trust", "local-authority"]);
        assert_eq!(
            asker.one_of(None, &kind).unwrap().as_deref(),
            Some("local-authority")
        );
        let with_default = Question::new("--x", "X?").with_default("dflt".to_owned());
        let answer = asker.text(None, &with_default, &|_| Ok(())).unwrap();
        assert_eq!(answer.as_deref(), Some("dflt"));
        let shown = String::from_utf8(output.borrow().clone()).unwrap();
        assert!(shown.contains("   2  local-authority"), "{shown}");
        assert!(
            shown.contains("`council` is not one of nhs-trust, local-authority. Try again"),
            "{shown}"
        );
        assert!(shown.contains("[dflt] > "), "{shown}");
        assert!(asker.finish().is_ok());
    }

    /// A name, a kind (after a line of context), and an optional code.
    fn three_questions(asker: &mut Asker) -> Result<Vec<Option<String>>, super::Ended> {
        let name = asker.text(None, &Question::new("--name", "Name?"), &|_| Ok(()))?;
        asker.say("Context for the kind.")?;
        let kind = asker.one_of(
            None,
            &Question::new("--kind", "Kind?").choices(vec!["nhs-trust", "local-authority"]),
        )?;
        let code = asker.text(None, &Question::new("--code", "Code?").optional(), &|_| {
            Ok(())
        })?;
        Ok(vec![name, kind, code])
    }

    #[test]
    fn back_asks_the_question_before_again_keeping_the_answers_before_it() {
        let (mut asker, output) = on_terminal("back\nAlpha\n2\nBACK\n1\n\n");
        let answers = asker.ask_all(three_questions).unwrap();
        assert_eq!(
            answers,
            [Some("Alpha".to_owned()), Some("nhs-trust".to_owned()), None]
        );
        let shown = String::from_utf8(output.borrow().clone()).unwrap();
        assert!(
            shown.starts_with(
                "Answer each question and press Enter; type `back` to change the answer before.\n"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("This is the first question. Try again > "),
            "{shown}"
        );
        // The name was kept and not asked again; the kind was asked twice,
        // with its context; the code twice (where `back` was typed, and
        // after the kind was answered again).
        assert_eq!(shown.matches("Name?").count(), 1, "{shown}");
        assert_eq!(shown.matches("Context for the kind.").count(), 2, "{shown}");
        assert_eq!(shown.matches("Kind?").count(), 2, "{shown}");
        assert_eq!(shown.matches("Code?").count(), 2, "{shown}");
        assert_eq!(shown.matches("Answer each question").count(), 1, "{shown}");
        assert!(asker.finish().is_ok());
    }

    #[test]
    fn back_twice_goes_back_two_questions() {
        let (mut asker, output) = on_terminal("Alpha\n2\nback\nback\nBeta\n2\nX1\n");
        let answers = asker.ask_all(three_questions).unwrap();
        assert_eq!(
            answers,
            [
                Some("Beta".to_owned()),
                Some("local-authority".to_owned()),
                Some("X1".to_owned())
            ]
        );
        let shown = String::from_utf8(output.borrow().clone()).unwrap();
        assert_eq!(shown.matches("Name?").count(), 2, "{shown}");
    }

    #[test]
    fn invisible_characters_in_answers_are_refused() {
        let (mut asker, output) = on_terminal("Fylde\u{b}Coast\nFylde Coast\n");
        let name = Question::new("--name", "What is its name?");
        let answer = asker.text(None, &name, &|_| Ok(())).unwrap();
        assert_eq!(answer.as_deref(), Some("Fylde Coast"));
        let shown = String::from_utf8(output.borrow().clone()).unwrap();
        assert!(
            shown.contains("it holds an invisible character (U+000B), perhaps pasted in with the text; type it instead. Try again"),
            "{shown}"
        );

        let mut asker = Asker::new(None);
        assert_eq!(
            asker
                .text(Some("North\tTrust"), &name, &|_| Ok(()))
                .unwrap(),
            None
        );
        let message = asker.finish().unwrap_err();
        assert!(
            message.contains("--name `North\tTrust`: it holds an invisible character (U+0009)"),
            "{message}"
        );
    }

    #[test]
    fn input_that_ends_stops_the_questions() {
        let (mut asker, _) = on_terminal("");
        assert!(asker.yes_no(None, &Question::new("--y", "Yes?")).is_err());
    }

    #[test]
    fn without_a_terminal_every_missing_and_wrong_option_is_named() {
        let mut asker = Asker::new(None);
        let name = Question::new("--name", "What is its name?");
        assert_eq!(asker.text(None, &name, &|_| Ok(())).unwrap(), None);
        let many =
            Question::new("--purposes", "Purposes?").choices(vec!["direct-care", "research"]);
        assert_eq!(
            asker.many_of(Some("direct-care, 2"), &many).unwrap(),
            Some(vec!["direct-care".to_owned(), "research".to_owned()])
        );
        let volume = Question::new("--volume", "How many?");
        assert_eq!(
            asker.number(Some("10,000"), &volume, 0..=i64::MAX).unwrap(),
            Some(10_000)
        );
        assert_eq!(asker.number(Some("-1"), &volume, 0..=5).unwrap(), None);
        let optional = Question::new("--ods-code", "ODS code?").optional();
        assert_eq!(asker.text(None, &optional, &|_| Ok(())).unwrap(), None);
        let message = asker.finish().unwrap_err();
        assert!(
            message.contains("--name is needed: What is its name?"),
            "{message}"
        );
        assert!(
            message.contains("--volume `-1`: give a number from 0 to 5"),
            "{message}"
        );
        assert!(!message.contains("--ods-code"), "{message}");
    }
}
