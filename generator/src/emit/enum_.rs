//! String enums that tolerate values they do not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs};
use super::scope::{Scope, ident};
use crate::ir::{Enum, TypeDef};

/// A string enum with a catch-all `Unknown(String)` variant, so that a value
/// the server adds later deserializes instead of failing, and serializes back
/// unchanged.
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
        quote!(#value => Self::#variant_name,)
    });
    scope.import("serde", "Deserialize");
    scope.import("serde", "Serialize");
    scope.import("serde", "Serializer");
    scope.import("std", "fmt");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
        #[serde(from = "String")]
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
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#from_wire)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::from(value.to_owned())
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
