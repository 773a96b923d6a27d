//! An SDK generated at build time: `build.rs` writes
//! `OUT_DIR/compositions.rs` with `apifox_codegen::Generator`, and this
//! module includes it. The module must be reachable (`pub`) for the
//! runtime's doc examples, which name it by `module_path!()`.

/// The client of the `Compositions` test API.
pub mod compositions {
    include!(concat!(env!("OUT_DIR"), "/compositions.rs"));
}

#[cfg(test)]
mod tests {
    use crate::compositions::models::{Cat, Pet};
    use crate::compositions::pets::{ListPetsParams, ListPetsParamsKind};
    use crate::compositions::{Client, Error};

    #[test]
    fn the_included_client_and_request_types_work() -> Result<(), Error> {
        let client = Client::new("https://pets.example.com")?;
        let params = ListPetsParams::new().kind(ListPetsParamsKind::Cat).level(2);
        // Building a call sends nothing until it is awaited.
        let _call = client.pets().list(&params);
        let body = Pet::Cat(Box::new(Cat::new("c1").lives(9)));
        let json = serde_json::to_value(&body).expect("a pet serializes");
        assert_eq!(json["id"], "c1");
        assert_eq!(json["lives"], 9);
        Ok(())
    }
}
