//! Turns a generated registry into a git repository with a long history,
//! for benchmarking sign-off:
//! `cargo run --release --example generate_history -- DIR COMMITS`.
//!
//! The history: the registry committed, then COMMITS commits in all:
//! sign-offs of the agreements by their signatories (in order, so the
//! oldest agreements are fully signed), every tenth commit a branch of
//! sign-offs merged with a merge commit, every seventh an unrelated change
//! to a notes file. Deterministic.

use git2::{Commit, Oid, Repository, Signature, Time};
use isg::registry::load;
use isg::source::Worktree;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(commits)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: generate_history DIR COMMITS");
        return ExitCode::from(2);
    };
    match build(Path::new(dir), commits) {
        Ok(made) => {
            println!("{made} commits");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn build(dir: &Path, total: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let source = Worktree::open(dir)?;
    let loaded = load(&source).map_err(|why| format!("cannot read {}: {why}", dir.display()))?;
    let registry = loaded.registry;
    // (agreement, digest, signatory email) for every party, in order.
    let mut sign_offs = Vec::new();
    for agreement in &registry.agreements {
        for party in &agreement.parties {
            let email = party
                .signatory
                .as_deref()
                .and_then(|officer| registry.officer(&party.org, officer))
                .and_then(|o| o.email.clone());
            if let Some(email) = email {
                sign_offs.push((agreement.id.clone(), agreement.digest.clone(), email));
            }
        }
    }
    let repo = Repository::init(dir)?;
    repo.set_head("refs/heads/main")?;
    let mut index = repo.index()?;
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None)?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let when = |n: usize| Time::new(1_780_000_000 + n as i64 * 60, 0);
    let admin = |n: usize| Signature::new("Registry Admin", "admin@registry.example", &when(n));
    let mut head = repo.commit(
        Some("HEAD"),
        &admin(0)?,
        &admin(0)?,
        "Add the registry",
        &tree,
        &[],
    )?;
    let mut next = sign_offs.iter().cycle();
    let mut made = 1;
    let commit = |parents: &[Oid],
                  who: &Signature,
                  message: &str,
                  tree: &git2::Tree|
     -> Result<Oid, git2::Error> {
        let parents: Vec<Commit> = parents
            .iter()
            .map(|oid| repo.find_commit(*oid))
            .collect::<Result<_, _>>()?;
        let parents: Vec<&Commit> = parents.iter().collect();
        repo.commit(None, who, who, message, tree, &parents)
    };
    let mut notes = 0;
    while made < total {
        if made % 7 == 0 {
            notes += 1;
            let blob = repo.blob(format!("Meeting notes {notes}\n").as_bytes())?;
            let mut builder = repo.treebuilder(Some(&repo.find_commit(head)?.tree()?))?;
            builder.insert("notes.txt", blob, 0o100644)?;
            let tree = repo.find_tree(builder.write()?)?;
            head = commit(&[head], &admin(made)?, "Update meeting notes", &tree)?;
            made += 1;
        } else if made % 10 == 0 && made + 4 <= total {
            // A branch of three sign-offs, merged.
            let tree = repo.find_commit(head)?.tree()?;
            let mut branch = head;
            for _ in 0..3 {
                let (id, digest, email) = next.next().ok_or("no sign-offs to make")?;
                let who = Signature::new("Signatory", email, &when(made))?;
                branch = commit(
                    &[branch],
                    &who,
                    &format!("Sign off {id}\n\nAgreement-Sign-Off: {id} {digest}\n"),
                    &tree,
                )?;
                made += 1;
            }
            head = commit(&[head, branch], &admin(made)?, "Merge sign-offs", &tree)?;
            made += 1;
        } else {
            let tree = repo.find_commit(head)?.tree()?;
            let (id, digest, email) = next.next().ok_or("no sign-offs to make")?;
            let who = Signature::new("Signatory", email, &when(made))?;
            head = commit(
                &[head],
                &who,
                &format!("Sign off {id}\n\nAgreement-Sign-Off: {id} {digest}\n"),
                &tree,
            )?;
            made += 1;
        }
    }
    repo.reference("refs/heads/main", head, true, "generated history")?;
    Ok(made)
}
