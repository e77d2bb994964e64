//! One error type for everything a user can get wrong: settings, data files, model files.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A setting is out of range or inconsistent; the message names it.
    Config(String),
    /// A data file (IDX, gzip) is malformed.
    Data(String),
    /// A saved model file is malformed or does not fit.
    Model(String),
    /// An input has the wrong length or non-finite values.
    Input(String),
    /// Training produced a non-finite number; the message explains what to do.
    Diverged(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => write!(f, "invalid setting: {m}"),
            Error::Data(m) => write!(f, "invalid data: {m}"),
            Error::Model(m) => write!(f, "invalid model file: {m}"),
            Error::Input(m) => write!(f, "invalid input: {m}"),
            Error::Diverged(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
