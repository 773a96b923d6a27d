//! The crate's modules: one per apifox folder (or first tag), each with a
//! handle type whose methods are the folder's operations.

use std::collections::HashMap;

use super::{Module, ModuleId};
use crate::naming::{self, Namespace};

/// The crate's modules, created as operations name their folders.
pub struct Modules {
    pub list: Vec<Module>,
    by_folder: HashMap<String, ModuleId>,
    names: Namespace,
    /// The method names taken in each module.
    methods: Vec<Namespace>,
}

/// Methods every module handle has besides its operations.
const HANDLE_METHODS: &[&str] = &["new", "client", "with_options"];

impl Modules {
    /// The modules of a crate: `models` (component types) first.
    pub fn new() -> Self {
        let mut modules = Self {
            list: Vec::new(),
            by_folder: HashMap::new(),
            names: Namespace::with_reserved(naming::RESERVED_MODULE_NAMES),
            methods: Vec::new(),
        };
        modules.list.push(Module {
            name: "models".to_owned(),
            title: "Models".to_owned(),
            handle: String::new(),
        });
        modules.methods.push(Namespace::default());
        modules
    }

    /// The module of the operations in `folder` (`""` when they have none).
    pub fn for_folder(&mut self, folder: &str) -> ModuleId {
        if let Some(id) = self.by_folder.get(folder) {
            return *id;
        }
        let short = if folder.trim().is_empty() {
            "operations".to_owned()
        } else {
            naming::module_name(folder)
        };
        let name = if self.names.try_claim(&short) {
            short
        } else {
            self.names
                .claim(&naming::qualified_module_name(folder), "_")
        };
        let id = ModuleId(self.list.len());
        self.list.push(Module {
            handle: naming::handle_name(&name),
            name,
            title: folder.to_owned(),
        });
        self.methods.push(Namespace::with_reserved(HANDLE_METHODS));
        self.by_folder.insert(folder.to_owned(), id);
        id
    }

    pub(super) fn claim_method(&mut self, module: ModuleId, candidates: &[String]) -> String {
        let names = &mut self.methods[module.0];
        candidates
            .iter()
            .find(|candidate| names.try_claim(candidate))
            .cloned()
            .unwrap_or_else(|| names.claim(&candidates[0], "_"))
    }
}
