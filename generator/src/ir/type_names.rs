//! Naming the types once the whole API is known: components keep their
//! spec names, inline types are named after where they are first used
//! (their parent's final name and their field), and a shape shared by
//! several fields of one name takes that name alone. The word rules are
//! in [`crate::naming`].

use super::TypeDef;
use super::types::{Draft, Hint, Parent, Role, Types};
use crate::naming::{self, Namespace};

impl Types<'_> {
    /// Claims the names of component types, which go first so that they
    /// keep the names the spec gives them.
    pub fn claim_components(&mut self, names: &mut Namespace) {
        self.names = vec![None; self.drafts.len()];
        for (index, draft) in self.drafts.iter().enumerate() {
            if let Hint::Component(raw) = &draft.hint {
                let base = naming::type_name(raw);
                let base = if naming::RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                    format!("{base}Model")
                } else {
                    base
                };
                self.names[index] = Some(names.claim(&base, ""));
            }
        }
    }

    /// Names the remaining types and returns every definition, indexed by
    /// [`TypeId`]. Call [`Self::claim_components`] first.
    pub fn finish(mut self, names: &mut Namespace) -> Vec<TypeDef> {
        let mut finished = std::mem::take(&mut self.names);
        finished.resize(self.drafts.len(), None);
        for index in 0..self.drafts.len() {
            name_of(&self.drafts, index, &mut finished, names, 0);
        }
        let roles: Vec<String> = self
            .drafts
            .iter()
            .map(|draft| match (&draft.role, &draft.hint) {
                (Role::Component(name), _) => format!("The `{name}` schema."),
                (Role::Text(text), _) => text.clone(),
                (
                    Role::OfParent(text),
                    Hint::Child {
                        parent: Parent::Type(parent),
                        ..
                    },
                ) => {
                    let parent = finished[parent.0].as_deref().unwrap_or_default();
                    format!("{text} [`{parent}`].")
                }
                (Role::OfParent(text), _) => format!("{text} its parent."),
            })
            .collect();
        self.drafts
            .into_iter()
            .zip(finished)
            .zip(roles)
            .map(|((draft, name), role)| TypeDef {
                name: name.expect("every type was named"),
                module: draft.module,
                docs: draft.docs,
                role,
                origin: draft.origin,
                kind: draft.kind,
            })
            .collect()
    }
}

fn name_of(
    drafts: &[Draft],
    index: usize,
    finished: &mut [Option<String>],
    names: &mut Namespace,
    depth: usize,
) -> String {
    if let Some(name) = &finished[index] {
        return name.clone();
    }
    let draft = &drafts[index];
    let Hint::Child { parent, suffix } = &draft.hint else {
        unreachable!("components are named first")
    };
    let shared_name = (draft.uses.len() > 1
        && draft.uses.iter().all(|used| used == suffix)
        && suffix.chars().filter(char::is_ascii_uppercase).count() > 1)
        .then(|| suffix.clone())
        .filter(|name| names.try_claim(name));
    let name = shared_name.unwrap_or_else(|| {
        let base = match parent {
            Parent::Type(id) if depth < 64 => name_of(drafts, id.0, finished, names, depth + 1),
            Parent::Name(name) => name.clone(),
            _ => String::new(),
        };
        let wanted = format!("{base}{suffix}");
        names.claim(
            if wanted.is_empty() {
                "Anonymous"
            } else {
                &wanted
            },
            "",
        )
    });
    finished[index] = Some(name.clone());
    name
}
