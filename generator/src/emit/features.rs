//! A cargo feature per module for large APIs, so that a merchant compiles
//! only the parts it calls (`default-features = false, features =
//! ["payment_intents", "rustls-ring"]`). The default stays everything.
//!
//! The schemas module, and every module that it or the webhook events
//! reach, is always compiled; each other module is behind a feature named
//! like it, which turns on the features of the modules whose types it uses.

use std::collections::BTreeSet;

use crate::config::Config;
use crate::naming;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, TypeId, TypeRef};

/// APIs with at least this many operations get features per module unless
/// `[package] module_features` says otherwise: below it, the crate is
/// small next to its dependencies.
pub const AUTO_THRESHOLD: usize = 100;

/// Which modules are behind features, and what each feature turns on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleFeatures {
    /// By module index: the feature the module is behind, if any.
    pub gates: Vec<Option<String>>,
    /// By module index: the other modules' features it needs.
    pub requires: Vec<BTreeSet<usize>>,
}

impl ModuleFeatures {
    /// The feature behind module `index`, if any.
    pub fn gate(&self, index: usize) -> Option<&str> {
        self.gates.get(index).and_then(Option::as_deref)
    }

    /// The features in module order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.gates.iter().filter_map(Option::as_deref)
    }

    /// Whether any module is behind a feature.
    pub fn any(&self) -> bool {
        self.gates.iter().any(Option::is_some)
    }

    /// The attribute that compiles a generated test file only when every
    /// module is (the default): its tests call them all.
    pub fn all_modules_attribute(&self) -> TokenStream {
        if !self.any() {
            return TokenStream::new();
        }
        let names = self.names();
        quote!(#![cfg(all(#(feature = #names),*))])
    }
}

/// The module features of `api`: none unless the settings ask for them, or
/// the API is large.
pub fn module_features(api: &Api, config: &Config) -> ModuleFeatures {
    let wanted = config
        .package
        .module_features
        .unwrap_or(api.operations.len() >= AUTO_THRESHOLD);
    let count = api.modules.len();
    if !wanted || count < 2 {
        return ModuleFeatures {
            gates: vec![None; count],
            requires: vec![BTreeSet::new(); count],
        };
    }
    let uses = module_uses(api);
    // Always compiled: the schemas, what the webhook events carry, and all
    // that those reach.
    let mut core: BTreeSet<usize> = BTreeSet::from([0]);
    if let Some(webhooks) = &api.webhooks {
        core.insert(api.type_def(webhooks.event_type).module.0);
        for object in &webhooks.objects {
            core.insert(api.type_def(object.ty).module.0);
        }
    }
    let mut stack: Vec<usize> = core.iter().copied().collect();
    while let Some(module) = stack.pop() {
        for &used in &uses[module] {
            if core.insert(used) {
                stack.push(used);
            }
        }
    }
    let gates: Vec<Option<String>> = api
        .modules
        .iter()
        .enumerate()
        .map(|(index, module)| {
            (!core.contains(&index)).then(|| naming::module_feature(&module.name))
        })
        .collect();
    let requires = uses
        .into_iter()
        .enumerate()
        .map(|(index, used)| {
            used.into_iter()
                .filter(|other| *other != index && gates[*other].is_some())
                .collect()
        })
        .collect();
    ModuleFeatures { gates, requires }
}

/// By module index: the modules whose types it uses.
fn module_uses(api: &Api) -> Vec<BTreeSet<usize>> {
    let mut uses = vec![BTreeSet::new(); api.modules.len()];
    let mut named = Vec::new();
    api.for_each_type_use(|module, ty| {
        named.clear();
        collect(ty, &mut named);
        if let Some(set) = uses.get_mut(module.0) {
            set.extend(named.iter().map(|id| api.type_def(*id).module.0));
        }
    });
    // A list's page and item types are named by its stream method too.
    for operation in &api.operations {
        if let (Some(pagination), Some(set)) =
            (&operation.pagination, uses.get_mut(operation.module.0))
        {
            set.extend([pagination.page, pagination.item].map(|id| api.type_def(id).module.0));
        }
    }
    for (index, set) in uses.iter_mut().enumerate() {
        set.remove(&index);
    }
    uses
}

fn collect(ty: &TypeRef, into: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => into.push(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            collect(inner, into)
        }
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(yaml: &str) -> Api {
        crate::ir::tests::from_yaml(yaml, &Config::named("t")).0
    }

    /// `Orders` returns the same shape as `Carts`, which is one type, defined
    /// where it is first used: the `orders` feature turns on `carts`.
    /// `Users` needs nothing; component schemas are always compiled.
    const SHOP: &str = r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /carts:
    get:
      x-apifox-folder: Carts
      responses:
        '200': {description: '', content: {application/json: {schema: {type: object, properties: {line: {type: object, properties: {sku: {type: string}}}}}}}}
  /orders:
    get:
      x-apifox-folder: Orders
      responses:
        '200': {description: '', content: {application/json: {schema: {type: object, properties: {line: {type: object, properties: {sku: {type: string}}}}}}}}
  /users:
    get:
      x-apifox-folder: Users
      responses:
        '200': {description: '', content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
components:
  schemas:
    User: {type: object, properties: {id: {type: string}}}
"#;

    #[test]
    fn modules_get_features_that_turn_on_what_they_use() {
        let api = api(SHOP);
        let mut config = Config::named("t");
        config.package.module_features = Some(true);
        let features = module_features(&api, &config);
        let gate = |name: &str| {
            let index = api
                .modules
                .iter()
                .position(|module| module.name == name)
                .unwrap();
            (
                features.gate(index).map(str::to_owned),
                features.requires[index].clone(),
            )
        };
        let carts = api
            .modules
            .iter()
            .position(|module| module.name == "carts")
            .unwrap();
        assert_eq!(features.gate(0), None, "the schemas are always compiled");
        assert_eq!(gate("carts"), (Some("carts".to_owned()), BTreeSet::new()));
        assert_eq!(gate("users"), (Some("users".to_owned()), BTreeSet::new()));
        let (orders, needs) = gate("orders");
        assert_eq!(orders.as_deref(), Some("orders"));
        assert_eq!(needs, BTreeSet::from([carts]), "{:?}", api.modules);
    }

    #[test]
    fn small_apis_have_no_module_features_unless_asked() {
        let api = api(SHOP);
        assert!(!module_features(&api, &Config::named("t")).any());
        let mut config = Config::named("t");
        config.package.module_features = Some(false);
        assert!(!module_features(&api, &config).any());
    }
}
