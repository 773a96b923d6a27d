//! `cargo xtask corpus DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

pub fn run(_dir: &Path, _workspace: Option<PathBuf>) -> Result<ExitCode> {
    anyhow::bail!("not yet")
}
