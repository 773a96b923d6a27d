//! `multipart/form-data` bodies: text fields and files, for APIs whose
//! operations upload files. Generated crates carry this module only when
//! their API has such an operation.

use serde::Serialize;

use super::encoding;
use super::error::Error;
use super::request::{Body, Request};

/// One field of a `multipart/form-data` body.
#[derive(Clone, Debug)]
pub(super) enum Part {
    /// A text field.
    Text { name: String, value: String },
    /// A file.
    File { name: String, file: File },
}

/// A file to upload in a multipart body.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct File {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// The file name sent to the server.
    pub file_name: Option<String>,
    /// The media type, `application/octet-stream` when absent.
    pub content_type: Option<String>,
}

impl File {
    /// A file with content `bytes` named `file_name`.
    pub fn new(bytes: impl Into<Vec<u8>>, file_name: impl Into<String>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: Some(file_name.into()),
            content_type: None,
        }
    }

    /// Sets the media type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl From<Vec<u8>> for File {
    fn from(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            ..Self::default()
        }
    }
}

/// Builds the parts of a multipart body.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    invalid: Option<Error>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field; `None` adds nothing, other values are sent as
    /// their JSON text.
    pub fn text<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match encoding::text(name, value) {
            Ok(Some(value)) => self.parts.push(Part::Text {
                name: name.to_owned(),
                value,
            }),
            Ok(None) => {}
            Err(error) => {
                self.invalid.get_or_insert(error);
            }
        }
        self
    }

    /// Adds a file.
    pub fn file(mut self, name: &str, file: &File) -> Self {
        self.parts.push(Part::File {
            name: name.to_owned(),
            file: file.clone(),
        });
        self
    }

    /// Adds a file if there is one.
    pub fn optional_file(self, name: &str, file: Option<&File>) -> Self {
        match file {
            Some(file) => self.file(name, file),
            None => self,
        }
    }

    /// Makes `request` send these parts.
    pub fn attach(self, mut request: Request) -> Request {
        if let Some(error) = self.invalid {
            request.invalid.get_or_insert(error);
        }
        request.body = Body::Multipart(self.parts);
        request
    }
}

pub(super) fn form(parts: &[Part]) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File { name, file } => {
                let mut body = reqwest::multipart::Part::bytes(file.bytes.clone());
                if let Some(file_name) = &file.file_name {
                    body = body.file_name(file_name.clone());
                }
                let content_type = file
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                body = body.mime_str(content_type).map_err(|_| {
                    Error::InvalidRequest(format!("`{content_type}` is not a media type"))
                })?;
                form.part(name.clone(), body)
            }
        };
    }
    Ok(form)
}
