//! Writing type uses from inside one module, and the `use` lines they need.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};
use syn::Type;

use super::syntax::{self, generic_ty, ident};
use crate::config::Config;
use crate::ir::{Api, Module, ModuleId, Scalar, TypeId, TypeRef};

/// The imports one scope recorded: `use` paths and the names from each.
pub struct Imports(BTreeMap<String, BTreeSet<String>>);

/// The module being written: resolves type names and remembers which
/// imports the module needs.
pub struct Scope<'a> {
    pub api: &'a Api,
    pub config: &'a Config,
    pub module: ModuleId,
    /// How paths into the crate begin: `crate` inside it, the crate's name
    /// in its tests and examples.
    root: String,
    imports: RefCell<BTreeMap<String, BTreeSet<String>>>,
}

impl<'a> Scope<'a> {
    pub fn new(api: &'a Api, config: &'a Config, module: ModuleId) -> Self {
        Self {
            api,
            config,
            module,
            root: "crate".to_owned(),
            imports: RefCell::new(BTreeMap::new()),
        }
    }

    /// A scope outside the crate (its tests, its README example): every
    /// type is imported through the crate's name.
    pub fn outside(api: &'a Api, config: &'a Config) -> Self {
        Self {
            root: config.package.name.replace('-', "_"),
            ..Self::new(api, config, ModuleId(usize::MAX))
        }
    }

    /// Records that the module uses `name` from `path` (where `crate`
    /// means this crate); returns the name.
    pub fn import(&self, path: &str, name: &str) -> Ident {
        match path.strip_prefix("crate") {
            Some(rest) if rest.is_empty() || rest.starts_with("::") => {
                self.record(&format!("{}{rest}", self.root), name);
            }
            _ => self.record(path, name),
        }
        ident(name)
    }

    /// `name` from the crate's module `module`, imported.
    pub fn import_from_module(&self, module: &str, name: &str) -> Ident {
        self.record(&format!("{}::{module}", self.root), name);
        ident(name)
    }

    /// Adds `name` to the names used from `path`. Every type use of a
    /// module comes here and most are repeats: they allocate nothing.
    fn record(&self, path: &str, name: &str) {
        let mut imports = self.imports.borrow_mut();
        match imports.get_mut(path) {
            Some(names) => {
                if !names.contains(name) {
                    names.insert(name.to_owned());
                }
            }
            None => {
                imports.insert(path.to_owned(), BTreeSet::from([name.to_owned()]));
            }
        }
    }

    /// The named type `id`, imported if it lives in another module.
    pub fn named(&self, id: TypeId) -> Ident {
        let def = self.api.type_def(id);
        if def.module == self.module {
            ident(&def.name)
        } else {
            self.import_from_module(&self.api.module(def.module).name, &def.name)
        }
    }

    /// The handle type of `module`, imported.
    pub fn named_handle(&self, module: &Module) -> Ident {
        self.import_from_module(&module.name, &module.handle)
    }

    /// The Rust type of a use of `ty`.
    pub fn ty(&self, ty: &TypeRef) -> TokenStream {
        self.type_tree(ty).into_token_stream()
    }

    /// [`ty`](Self::ty) as a syntax tree.
    pub fn type_tree(&self, ty: &TypeRef) -> Type {
        match ty {
            TypeRef::Named(id) => syntax::ty([self.named(*id)]),
            TypeRef::Scalar(scalar) => self.scalar(*scalar),
            TypeRef::Array(item) => generic_ty(ident("Vec"), [self.type_tree(item)]),
            TypeRef::Map(value) if **value == TypeRef::Any => {
                let map = self.import("serde_json", "Map");
                let value = self.import("serde_json", "Value");
                generic_ty(map, [syntax::ty([ident("String")]), syntax::ty([value])])
            }
            TypeRef::Map(value) => {
                let map = self.import("std::collections", "BTreeMap");
                generic_ty(map, [syntax::ty([ident("String")]), self.type_tree(value)])
            }
            TypeRef::Nullable(inner) => generic_ty(ident("Option"), [self.type_tree(inner)]),
            TypeRef::Any => syntax::ty([self.import("serde_json", "Value")]),
        }
    }

    /// The Rust type of `scalar`.
    pub fn scalar(&self, scalar: Scalar) -> Type {
        let name = match scalar {
            Scalar::String => ident("String"),
            Scalar::Integer => ident("i64"),
            Scalar::Float => ident("f64"),
            Scalar::Decimal => self.import("rust_decimal", "Decimal"),
            Scalar::Boolean => ident("bool"),
            Scalar::Binary => self.import("crate::runtime", "File"),
            Scalar::Timestamp => self.import("crate::runtime", "Timestamp"),
        };
        syntax::ty([name])
    }

    /// Records the imports of `other`, a scope that wrote part of the same
    /// module (on another thread).
    pub fn absorb(&self, other: Imports) {
        let mut imports = self.imports.borrow_mut();
        for (path, names) in other.0 {
            imports.entry(path).or_default().extend(names);
        }
    }

    /// What this scope recorded, to be [`absorb`](Self::absorb)ed by the
    /// scope of the whole module.
    pub fn into_imports(self) -> Imports {
        Imports(self.imports.into_inner())
    }

    /// The `use` lines for everything recorded.
    pub fn imports(&self) -> TokenStream {
        let imports = self.imports.borrow();
        // Ordered by the full path, as rustfmt orders `use` lines.
        let mut lines: Vec<(String, TokenStream)> = imports
            .iter()
            .map(|(path, names)| {
                let key = format!("{path}::{}", names.first().map_or("", String::as_str));
                let path: syn::Path = syn::parse_str(path).expect("import paths are valid");
                let names: Vec<Ident> = names.iter().map(|name| ident(name)).collect();
                let line = if names.len() == 1 {
                    quote!(use #path::#(#names)*;)
                } else {
                    quote!(use #path::{#(#names),*};)
                };
                (key, line)
            })
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let lines = lines.into_iter().map(|(_, line)| line);
        quote!(#(#lines)*)
    }
}
