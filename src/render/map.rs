//! The data-flow map as SVG, drawn in Rust: organisations on a circle
//! (grouped by kind, labels outward), flows as curves coloured by how
//! identifiable the data is. The circle grows with the number of
//! organisations so labels never overlap, which keeps a few hundred nodes
//! readable. Deterministic: the same registry draws the same bytes.

use super::Snapshot;
use crate::model::{AgreementStatus, Identifiability};
use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write;

/// Vertical space each label needs along the circle, in pixels.
const LABEL_PITCH: f64 = 16.0;
const LABEL_SPACE: f64 = 440.0;

fn colour(identifiability: Identifiability) -> &'static str {
    match identifiability {
        Identifiability::Identifiable => "#b1361e",
        Identifiability::Pseudonymised => "#b35900",
        Identifiability::Anonymised => "#1d70b8",
        Identifiability::Aggregate => "#00703c",
    }
}

/// XML-escapes text for SVG content and attributes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The map, with `root` the path from the page to the site root.
pub fn svg(snapshot: &Snapshot<'_>, root: &str) -> String {
    let registry = snapshot.registry;
    // Flows of agreements in force or proposed, between known organisations.
    let mut edges: BTreeMap<(&str, &str), (Identifiability, Vec<String>)> = BTreeMap::new();
    for agreement in registry
        .agreements
        .iter()
        .filter(|a| a.status != AgreementStatus::Terminated)
    {
        for flow in &agreement.flows {
            for to in &flow.to {
                if registry.organisation(&flow.from).is_none()
                    || registry.organisation(to).is_none()
                    || *to == flow.from
                {
                    continue;
                }
                let entry = edges
                    .entry((flow.from.as_str(), to.as_str()))
                    .or_insert((flow.identifiability, Vec::new()));
                // The most identifiable data on a route decides its colour.
                entry.0 = entry.0.min(flow.identifiability);
                entry.1.push(format!(
                    "{}: {}",
                    agreement.title,
                    flow.description.as_deref().unwrap_or(&flow.id)
                ));
            }
        }
    }
    let mut nodes: Vec<&str> = edges.keys().flat_map(|&(a, b)| [a, b]).collect();
    nodes.sort_by_key(|id| {
        let org = registry.organisation(id);
        (
            org.map(|o| o.kind),
            org.map(|o| o.name.as_str()).unwrap_or(id),
        )
    });
    nodes.dedup();
    let count = nodes.len().max(1);
    let radius = (count as f64 * LABEL_PITCH / (2.0 * PI)).max(180.0);
    let size = 2.0 * (radius + LABEL_SPACE);
    let centre = size / 2.0;
    let position = |i: usize| {
        let angle = 2.0 * PI * i as f64 / count as f64 - PI / 2.0;
        (
            angle,
            centre + radius * angle.cos(),
            centre + radius * angle.sin(),
        )
    };
    let index: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size:.0} {size:.0}" width="{size:.0}" height="{size:.0}" role="img" aria-labelledby="map-title map-description" class="flow-map">"#
    );
    let _ = write!(
        out,
        r#"<title id="map-title">Data-flow map</title><desc id="map-description">{} organisations and {} routes along which personal data flows, coloured by how identifiable the data is.</desc>"#,
        nodes.len(),
        edges.len()
    );
    out.push_str(r#"<g fill="none" stroke-width="1.6" stroke-opacity="0.7">"#);
    for ((from, to), (identifiability, flows)) in &edges {
        let ((_, x1, y1), (_, x2, y2)) = (position(index[from]), position(index[to]));
        // Curve towards the centre, so routes do not hide behind the circle.
        let (cx, cy) = (
            centre + (x1 + x2 - 2.0 * centre) * 0.15,
            centre + (y1 + y2 - 2.0 * centre) * 0.15,
        );
        let label = format!(
            "{} to {} ({}): {}",
            registry.organisation_name_or_id(from),
            registry.organisation_name_or_id(to),
            identifiability.label(),
            flows.join("; ")
        );
        let _ = write!(
            out,
            r#"<path d="M{x1:.1},{y1:.1} Q{cx:.1},{cy:.1} {x2:.1},{y2:.1}" stroke="{}"><title>{}</title></path>"#,
            colour(*identifiability),
            escape(&label)
        );
    }
    out.push_str("</g>");
    for (i, id) in nodes.iter().enumerate() {
        let (angle, x, y) = position(i);
        let name = registry.organisation_name_or_id(id);
        let degrees = angle.to_degrees();
        // Labels read outward; those on the left are turned to stay upright.
        let (rotate, anchor, offset) = if angle.cos() >= 0.0 {
            (degrees, "start", 8.0)
        } else {
            (degrees + 180.0, "end", -8.0)
        };
        let _ = write!(
            out,
            r##"<a href="{root}organisations/{}.html"><circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="#1b1b1b"/><text x="{x:.1}" y="{y:.1}" dx="{offset}" dy="4" font-size="12" text-anchor="{anchor}" transform="rotate({rotate:.1} {x:.1} {y:.1})">{}</text></a>"##,
            escape(id),
            escape(name)
        );
    }
    out.push_str("</svg>");
    out
}

/// The colours of the map, for its legend.
pub fn legend() -> Vec<(&'static str, &'static str)> {
    Identifiability::ALL
        .iter()
        .map(|i| (i.label(), colour(*i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_text_for_svg() {
        assert_eq!(
            escape("<a href=\"x\">O'Neil & Co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;"
        );
    }
}
