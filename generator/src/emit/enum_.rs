//! String enums that tolerate values they do not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs};
use super::scope::Scope;
use super::syntax::ident;
use crate::ir::{Enum, TypeDef};

/// A string enum with a catch-all `Unknown(String)` variant, so that a value
/// the server adds later deserializes instead of failing, and serializes back
/// unchanged. A known value is read without copying its text
/// (`runtime::enums`).
pub fn enum_(scope: &Scope<'_>, def: &TypeDef, enumeration: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&docs::of_type(def));
    let variants = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let docs = doc_attrs(&match &variant.docs {
            Some(text) => docs::spec(text),
            None => format!("`{}`", variant.value),
        });
        quote! {
            #docs
            #variant_name,
        }
    });
    let to_wire = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = &variant.value;
        quote!(Self::#variant_name => #value,)
    });
    let from_wire = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = &variant.value;
        quote!(#value => Some(Self::#variant_name),)
    });
    // An enum the spec lists no values of knows none.
    let known = if enumeration.variants.is_empty() {
        quote! {
            fn known(_value: &str) -> Option<Self> {
                None
            }
        }
    } else {
        quote! {
            fn known(value: &str) -> Option<Self> {
                match value {
                    #(#from_wire)*
                    _ => None,
                }
            }
        }
    };
    let deserialize = scope.import("serde", "Deserialize");
    let deserializer = scope.import("serde", "Deserializer");
    scope.import("serde", "Serialize");
    scope.import("serde", "Serializer");
    scope.import("std", "fmt");
    let enums = scope.import("crate::runtime", "enums");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know.
            Unknown(String),
        }

        impl #name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::Unknown(value) => value,
                }
            }

            /// The variant of a value the SDK knows.
            #known

        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::known(&value).unwrap_or(Self::Unknown(value))
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Unknown(value.to_owned()))
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #enums::string(deserializer)
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    }
}
