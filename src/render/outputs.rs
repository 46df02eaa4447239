//! Everything a render writes, as a list: each [`Output`] is one kind of
//! file (a return, a page, every agreement's PDF) that knows its paths and
//! renders any one of them alone. `isg render` writes them all; a server
//! renders the one page a request asks for.

use super::RenderError;
use super::exports;
use super::folder::Folder;
use super::site::{self, Site};
use crate::registry::Registry;
use rayon::prelude::*;
use std::io;
use std::sync::Mutex;

/// One kind of file a render writes.
pub trait Output: Sync {
    /// What it is, in words.
    fn name(&self) -> &'static str;
    /// The files of this kind the registry has: `/`-separated paths inside
    /// the output folder.
    fn paths(&self, site: &Site<'_>) -> Vec<String>;
    /// The file at `path`, or `None` when `path` is not one of this
    /// output's files.
    fn render(&self, site: &Site<'_>, path: &str) -> Option<Result<Vec<u8>, RenderError>>;
}

/// An output of one file.
struct File {
    path: &'static str,
    name: &'static str,
    make: fn(&Site<'_>) -> Result<Vec<u8>, RenderError>,
}

impl Output for File {
    fn name(&self) -> &'static str {
        self.name
    }

    fn paths(&self, _: &Site<'_>) -> Vec<String> {
        vec![self.path.to_owned()]
    }

    fn render(&self, site: &Site<'_>, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
        (path == self.path).then(|| (self.make)(site))
    }
}

/// The records an output has a file for, one each.
#[derive(Clone, Copy)]
enum Records {
    Agreements,
    Organisations,
}

impl Records {
    fn ids(self, registry: &Registry) -> Vec<&str> {
        match self {
            Records::Agreements => registry.agreements.iter().map(|a| a.id.as_str()).collect(),
            Records::Organisations => registry
                .organisations
                .iter()
                .map(|o| o.id.as_str())
                .collect(),
        }
    }

    fn position(self, registry: &Registry, id: &str) -> Option<usize> {
        match self {
            Records::Agreements => registry.agreement_position(id),
            Records::Organisations => registry.organisation_position(id),
        }
    }
}

/// An output of one file per record: `{folder}/{id}{extension}`.
struct Each {
    folder: &'static str,
    extension: &'static str,
    name: &'static str,
    records: Records,
    make: fn(&Site<'_>, usize) -> Result<Vec<u8>, RenderError>,
}

impl Output for Each {
    fn name(&self) -> &'static str {
        self.name
    }

    fn paths(&self, site: &Site<'_>) -> Vec<String> {
        self.records
            .ids(site.snapshot.registry)
            .into_iter()
            .map(|id| format!("{}/{id}{}", self.folder, self.extension))
            .collect()
    }

    fn render(&self, site: &Site<'_>, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
        let id = path
            .strip_prefix(self.folder)?
            .strip_prefix('/')?
            .strip_suffix(self.extension)?;
        let index = self.records.position(site.snapshot.registry, id)?;
        Some((self.make)(site, index))
    }
}

/// Every output of a render, in the order they are written: the returns,
/// then the site with its agreement documents.
pub static OUTPUTS: &[&dyn Output] = &[
    &File {
        path: "exports/ropa.csv",
        name: "record of processing activities (CSV)",
        make: |site| Ok(exports::ropa_csv(site.snapshot)),
    },
    &File {
        path: "exports/dspt-data-flows.csv",
        name: "DSPT data flows return (CSV)",
        make: |site| Ok(exports::dspt_csv(site.snapshot)),
    },
    &File {
        path: "exports/public-register.csv",
        name: "public register of agreements in force (CSV)",
        make: |site| Ok(exports::public_register_csv(site.snapshot)),
    },
    &File {
        path: "exports/reviews.ics",
        name: "review and expiry dates (calendar)",
        make: |site| Ok(exports::reviews_ics(site.snapshot).into_bytes()),
    },
    &File {
        path: "exports/registry.json",
        name: "the whole registry for programs (JSON)",
        make: |site| Ok(exports::registry_json(site.snapshot).into_bytes()),
    },
    &File {
        path: "style.css",
        name: "the site's style sheet",
        make: site::style,
    },
    &File {
        path: "index.html",
        name: "dashboard",
        make: site::dashboard,
    },
    #[cfg(feature = "pdf")]
    &Each {
        folder: "agreements",
        extension: ".pdf",
        name: "each agreement's document (PDF)",
        records: Records::Agreements,
        make: site::agreement_pdf,
    },
    &Each {
        folder: "agreements",
        extension: ".html",
        name: "each agreement's page",
        records: Records::Agreements,
        make: site::agreement_page,
    },
    &File {
        path: "agreements/index.html",
        name: "list of agreements",
        make: site::agreement_list,
    },
    &Each {
        folder: "organisations",
        extension: ".html",
        name: "each organisation's page",
        records: Records::Organisations,
        make: site::organisation_page,
    },
    &File {
        path: "organisations/index.html",
        name: "directory of organisations",
        make: site::organisation_list,
    },
    &File {
        path: "risks.html",
        name: "risk register",
        make: site::risks,
    },
    &File {
        path: "map.html",
        name: "data-flow map",
        make: site::map,
    },
];

/// The one file at `path`, as a full render leaves it, or `None` when the
/// render has no such file. Outputs are asked last first, as the last to
/// write a path is the one whose file stays.
pub fn render_one(site: &Site<'_>, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
    OUTPUTS
        .iter()
        .rev()
        .find_map(|output| output.render(site, path))
}

/// Stack for each rendering thread: laying out a long document (a
/// protocol with hundreds of parties) recurses deeply.
const RENDER_STACK: usize = 256 * 1024 * 1024;

/// Writes every output into `folder`. Files render in parallel (they only
/// read) and each is written as soon as it is made, so a large registry's
/// documents are never all held in memory at once.
pub fn write_all(site: &Site<'_>, folder: &mut Folder) -> Result<(), RenderError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(RENDER_STACK)
        .build()
        .map_err(|e| RenderError::Io(io::Error::other(e)))?;
    let folder = Mutex::new(folder);
    pool.install(|| {
        OUTPUTS.iter().try_for_each(|output| {
            output.paths(site).par_iter().try_for_each(|path| {
                let bytes = output.render(site, path).unwrap_or_else(|| {
                    Err(RenderError::Io(io::Error::other(format!(
                        "{} has no file {path}",
                        output.name()
                    ))))
                })?;
                let mut folder = folder
                    .lock()
                    .map_err(|_| RenderError::Io(io::Error::other("a rendering thread failed")))?;
                folder.write(path, &bytes)?;
                Ok(())
            })
        })
    })
}
