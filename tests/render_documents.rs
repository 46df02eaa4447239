//! `isg render`'s agreement documents: each agreement's page (parties,
//! signatories, digest, sign-off, the draft mark until every party signs)
//! and its PDF (PDF/A-2b, the same facts as the page, characters no font
//! shows written as code points).

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use common::render::{page, render, signed_registry, texts};
use serde_json::Value;

#[test]
fn an_agreement_page_states_parties_signatories_digest_and_sign_off() {
    let registry = signed_registry();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let html = page(out.path(), "agreements/care-record.html");
    assert_eq!(texts(&html, "h1"), vec!["Shared care record"]);
    let parties = texts(&html, "h2 + table tbody tr");
    assert!(
        parties.contains(&"North NHS Trust controller Dr Jane Smith assured".to_owned()),
        "{parties:?}"
    );
    let signoff = texts(&html, "table.signoff tbody tr");
    assert_eq!(signoff.len(), 2);
    assert!(
        signoff[0].starts_with("North NHS Trust Dr Jane Smith (Caldicott Guardian) 2026-09-22"),
        "{signoff:?}"
    );
    assert!(
        signoff[1].contains("Amir Khan") && signoff[1].ends_with("recorded"),
        "{signoff:?}"
    );
    assert!(
        texts(&html, ".draft-mark").is_empty(),
        "signed by every party: no draft mark"
    );
    let footer = texts(&html, "footer").join(" ");
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("exports/registry.json")).unwrap(),
    )
    .unwrap();
    let digest = json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap()["digest"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(footer.contains(&format!("digest {digest}")), "{footer}");
    assert!(
        footer.contains(&json["commit"]["id"].as_str().unwrap()[..12]),
        "{footer}"
    );
    assert!(texts(&html, ".narrative h2").contains(&"Notes".to_owned()));
    assert!(
        texts(&html, ".appendix li").len() == 2,
        "the MoU principles as an appendix"
    );
    assert!(
        texts(&html, "li")
            .iter()
            .any(|line| line == "UK GDPR Article 6(1)(e): public task")
    );

    // The protocol is not signed: it carries the draft mark.
    let protocol = page(out.path(), "agreements/care-protocol.html");
    assert_eq!(
        texts(&protocol, ".draft-mark"),
        vec!["DRAFT - NOT SIGNED OFF"]
    );
    assert!(
        texts(&protocol, "table.signoff td.awaiting")
            .iter()
            .all(|t| t == "awaiting sign-off")
    );
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;
    use std::path::Path;

    fn text(path: &Path) -> String {
        let text = pdf_extract::extract_text(path).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn characters_no_font_shows_are_written_as_code_points_in_the_pdf() {
        let registry = Scratch::minimal();
        registry.edit(
            "agreements/care-record/agreement.yaml",
            "purpose: Clinicians see social care records when treating people.",
            "purpose: \"Clinicians see social care records \u{1F600}\u{FE0F} when treating Siân, Ŵyn and 漢.\"",
        );
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let pdf = text(&out.path().join("agreements/care-record.pdf"));
        assert!(
            pdf.contains(
                "Clinicians see social care records [U+1F600] when treating Siân, Ŵyn and [U+6F22]."
            ),
            "{pdf}"
        );
        let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
        assert!(
            page.contains("records \u{1F600}\u{FE0F} when treating Siân, Ŵyn and 漢."),
            "the page keeps them"
        );
    }

    #[test]
    fn each_agreement_has_a_pdf_with_the_same_facts_as_its_page() {
        let registry = signed_registry();
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let signed = text(&out.path().join("agreements/care-record.pdf"));
        for fact in [
            "Shared care record",
            "Dr Jane Smith",
            "Amir Khan",
            "North NHS Trust",
            "South Council",
            "UK GDPR Article 6(1)(e): public task",
            "Partners review access monthly.",
            "Meet the DSPT standard.",
        ] {
            assert!(
                signed.contains(fact),
                "{fact} missing from the PDF: {signed}"
            );
        }
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("exports/registry.json")).unwrap(),
        )
        .unwrap();
        let digest = json["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "care-record")
            .unwrap()["digest"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            signed.contains(&digest),
            "the digest is in the footer: {signed}"
        );
        assert!(
            !signed.contains("DRAFT - NOT SIGNED OFF"),
            "signed by every party"
        );
        let unsigned = text(&out.path().join("agreements/care-protocol.pdf"));
        assert!(unsigned.contains("DRAFT - NOT SIGNED OFF"), "{unsigned}");
        assert!(unsigned.contains("awaiting sign-off"), "{unsigned}");

        let bytes = std::fs::read(out.path().join("agreements/care-record.pdf")).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let as_text = String::from_utf8_lossy(&bytes);
        assert!(
            as_text.contains("pdfaid:part>2<") && as_text.contains("pdfaid:conformance>B<"),
            "PDF/A-2b"
        );
        let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
        assert!(
            page.contains("href=\"care-record.pdf\""),
            "the page links its PDF"
        );
    }
}
