//! Synthetic registries for benchmarks and tests: deterministic for a seed,
//! valid against every rule, and shaped like the real thing (regions with a
//! tier 1 protocol, purpose-level agreements under it, operational
//! agreements with flows and risks under those).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// How big a registry to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub organisations: usize,
    pub agreements: usize,
    pub flows: usize,
}

impl Size {
    pub const SMALL: Size = Size {
        organisations: 1_000,
        agreements: 500,
        flows: 2_500,
    };
    pub const REGIONAL: Size = Size {
        organisations: 5_000,
        agreements: 2_000,
        flows: 10_000,
    };
    pub const NATIONAL: Size = Size {
        organisations: 50_000,
        agreements: 20_000,
        flows: 100_000,
    };

    pub fn named(name: &str) -> Option<Size> {
        match name {
            "small" => Some(Size::SMALL),
            "regional" => Some(Size::REGIONAL),
            "national" => Some(Size::NATIONAL),
            _ => None,
        }
    }
}

/// The date generated registries are valid on: pass it as `--today`.
pub const VALID_ON: &str = "2026-11-22";

/// Organisations per region; each region has one tier 1 protocol.
const REGION_SIZE: usize = 500;

/// SplitMix64: small, fast and the same on every platform.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct items of `items`, in a random order.
    fn sample<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let count = count.min(pool.len());
        for i in 0..count {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(count);
        pool
    }
}

const KINDS: &[&str] = &[
    "nhs-trust",
    "gp-practice",
    "local-authority",
    "police",
    "ambulance-service",
    "voluntary-sector",
    "social-care-provider",
    "icb",
    "education",
    "housing",
];
const PLACES: &[&str] = &[
    "Ashford",
    "Brampton",
    "Carnforth",
    "Dalton",
    "Egremont",
    "Fleetwood",
    "Garstang",
    "Haslingden",
    "Ingleton",
    "Kendal",
    "Longridge",
    "Millom",
    "Nelson",
    "Ormskirk",
    "Penrith",
    "Rawtenstall",
    "Silloth",
    "Thornton",
    "Ulverston",
    "Whalley",
];
const CATEGORY_SETS: &[&str] = &[
    "[identifiers, demographics]",
    "[identifiers, contact]",
    "[identifiers, health]",
    "[identifiers, social-care]",
    "[identifiers, education]",
];
const METHODS: &[&str] = &[
    "api",
    "sftp",
    "mesh",
    "secure-email",
    "shared-record-view",
    "portal",
];
const FREQUENCIES: &[&str] = &["real-time", "daily", "weekly", "monthly", "on-request"];

fn org_id(index: usize) -> String {
    format!("org-{index:05}")
}

/// Writes a registry of `size` into `dir`, which must be empty or absent.
pub fn generate(dir: &Path, size: Size, seed: u64) -> io::Result<()> {
    let mut random = Random(seed);
    fs::create_dir_all(dir.join("organisations"))?;
    fs::create_dir_all(dir.join("agreements"))?;
    fs::write(
        dir.join("isg.yaml"),
        "name: Synthetic registry\npolicy:\n  review_warning_days: 60\n",
    )?;
    let mut mou = String::from("version: 1\neffective: 2024-04-01\nprinciples:\n");
    for i in 1..=10 {
        let _ = writeln!(
            mou,
            "  - id: principle-{i}\n    text: Principle number {i} of the memorandum, in full."
        );
    }
    fs::write(dir.join("mou.yaml"), mou)?;

    for index in 0..size.organisations {
        fs::write(
            dir.join("organisations")
                .join(format!("{}.yaml", org_id(index))),
            organisation(index, &mut random),
        )?;
    }

    let regions: Vec<Vec<String>> = (0..size.organisations)
        .map(org_id)
        .collect::<Vec<_>>()
        .chunks(REGION_SIZE)
        .map(<[String]>::to_vec)
        .collect();
    let protocols = regions.len().min(size.agreements);
    let purpose_level =
        ((size.agreements - protocols) / 10).max(usize::from(size.agreements > protocols));
    let operational = size.agreements - protocols - purpose_level;
    let mut flows_left = size.flows;

    // Tier 1: one protocol per region, every organisation of the region a party.
    for (region, members) in regions.iter().enumerate().take(protocols) {
        let id = format!("protocol-{region:03}");
        write_agreement(
            dir,
            &id,
            &agreement_text(&id, 1, None, members, 0, &mut random),
        )?;
    }
    // Tier 2: purpose-level agreements within a region.
    let mut tier2: Vec<(String, Vec<String>)> = Vec::with_capacity(purpose_level);
    for index in 0..purpose_level {
        let region = index % protocols;
        let members = random.sample(&regions[region], 12);
        let id = format!("purpose-{index:05}");
        write_agreement(
            dir,
            &id,
            &agreement_text(
                &id,
                2,
                Some(&format!("protocol-{region:03}")),
                &members,
                0,
                &mut random,
            ),
        )?;
        tier2.push((id, members));
    }
    // Tier 3: operational agreements with the flows, spread evenly.
    for index in 0..operational {
        let (parent, pool) = &tier2[index % tier2.len()];
        let count = 2 + random.below(3);
        let parties = random.sample(pool, count);
        let flows = flows_left / (operational - index);
        flows_left -= flows;
        let id = format!("operational-{index:05}");
        write_agreement(
            dir,
            &id,
            &agreement_text(&id, 3, Some(parent), &parties, flows, &mut random),
        )?;
    }
    Ok(())
}

fn write_agreement(dir: &Path, id: &str, text: &str) -> io::Result<()> {
    let folder = dir.join("agreements").join(id);
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("agreement.yaml"), text)
}

fn organisation(index: usize, random: &mut Random) -> String {
    let id = org_id(index);
    let kind = *random.pick(KINDS);
    let place = *random.pick(PLACES);
    let mut text = format!(
        "# yaml-language-server: $schema=../schemas/organisation.schema.json\n\
         id: {id}\nname: {place} {kind} {index}\nkind: {kind}\ncountry: GB\n\
         ico_registration:\n  number: Z{:07}\n  expires: 2028-03-31\n\
         dspt:\n  status: standards-met\n  year: 2025-26\n  published: 2026-06-27\n\
         certifications:\n  - scheme: cyber-essentials\n    reference: CE-{index}\n    expires: 2028-06-30\n\
         mou:\n  version: 1\n  signed: 2025-01-15\n  signed_by: guardian\n\
         training:\n  attested: 2026-06-01\n  compliance_percent: 97\n\
         contacts:\n  breach: breach@{id}.example\n  requests: dpo@{id}.example\n\
         officers:\n",
        index % 10_000_000
    );
    for (officer, name, roles) in [
        ("guardian", "Alex Guardian", "[caldicott-guardian]"),
        ("risk-owner", "Sam Risk", "[siro]"),
        ("dpo", "Jo Protection", "[dpo, ig-lead]"),
    ] {
        let _ = write!(
            text,
            "  - id: {officer}\n    name: {name} {index}\n    roles: {roles}\n    email: {officer}@{id}.example\n"
        );
    }
    text
}

fn agreement_text(
    id: &str,
    tier: u8,
    parent: Option<&str>,
    parties: &[String],
    flows: usize,
    random: &mut Random,
) -> String {
    let mut text = format!(
        "# yaml-language-server: $schema=../../schemas/agreement.schema.json\nid: {id}\ntitle: Agreement {id}\ntier: {tier}\n"
    );
    if let Some(parent) = parent {
        let _ = writeln!(text, "parent: {parent}");
    }
    let _ = write!(text, "status: active\nlead: {}\nparties:\n", parties[0]);
    for party in parties {
        let _ = writeln!(
            text,
            "  - {{org: {party}, role: controller, signatory: guardian}}"
        );
    }
    text.push_str(
        "purposes: [direct-care]\npurpose: >\n  Care professionals share what they need to care for the same person safely.\n\
         benefits: Safer, quicker care.\nlawful_basis:\n  article6: [e]\n  article9: [h]\n  schedule1: [part1-para2]\n  common_law: implied-consent\n\
         dpia:\n  reference: DPIA-0001\n  completed: 2025-01-10\nprivacy_notice: https://privacy.example/notice\n\
         individual_rights: Requests go to the Data Protection Officer of the organisation that holds the record.\n\
         effective: 2025-03-01\nreview_due: 2027-09-01\nflows:\n",
    );
    if flows == 0 {
        text.truncate(text.len() - 1);
        text.push_str(" []\n");
    }
    for flow in 0..flows {
        let from = random.pick(parties);
        let to: Vec<&String> = parties.iter().filter(|party| *party != from).collect();
        let to = to
            .iter()
            .map(|party| party.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let categories = random.pick(CATEGORY_SETS);
        let (likelihood, impact) = (1 + random.below(3), 1 + random.below(4));
        let _ = write!(
            text,
            "  - id: flow-{flow}\n    description: Flow {flow} of {id}.\n    from: {from}\n    to: [{to}]\n    subjects: [patients]\n\
             \x20   identifiability: identifiable\n    categories: {categories}\n    items: [NHS number, name, date of birth]\n\
             \x20   frequency: {}\n    method: {}\n    encrypted: true\n    volume: {}\n    storage_country: GB\n\
             \x20   retention: Kept for eight years, then destroyed.\n    access: [care professionals]\n    onward_sharing: prohibited\n\
             \x20   risks:\n      - id: misdirection\n        description: Data reaches the wrong recipient.\n\
             \x20       likelihood: {likelihood}\n        impact: {impact}\n        mitigations: [Recipients checked before each transfer]\n\
             \x20       residual: {{likelihood: 1, impact: {impact}}}\n        owner: {from}/risk-owner\n",
            random.pick(FREQUENCIES),
            random.pick(METHODS),
            100 + random.below(9_000),
        );
    }
    text
}
