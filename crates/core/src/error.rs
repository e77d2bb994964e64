//! One error type for everything a user can get wrong: settings, data files, model files.
//! Each crosses to JS as a `code` (what kind of thing went wrong, for code to branch on) plus a
//! message (for people); nothing ever branches on the message's text.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A setting is out of range or inconsistent; `option` names it where one option is at fault,
    /// and `range` says the value is outside what the option takes (its schema's `valid` words
    /// say what it takes) rather than beyond a limit of the network as a whole.
    Config {
        option: Option<&'static str>,
        message: String,
        range: bool,
    },
    /// A data file (IDX, gzip) is malformed.
    Data(String),
    /// A saved model file is malformed or does not fit.
    Model(String),
    /// An input has the wrong length or non-finite values.
    Input(String),
    /// Training produced a non-finite number; the message explains what to do.
    Diverged(String),
}

impl Error {
    /// A settings error not tied to one option.
    pub fn config(message: impl Into<String>) -> Error {
        Error::Config {
            option: None,
            message: message.into(),
            range: false,
        }
    }

    /// The kind of error, stable for code: config, data, model, input, diverged.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Config { .. } => "config",
            Error::Data(_) => "data",
            Error::Model(_) => "model",
            Error::Input(_) => "input",
            Error::Diverged(_) => "diverged",
        }
    }

    /// The option a settings error is about.
    pub fn option(&self) -> Option<&'static str> {
        match self {
            Error::Config { option, .. } => *option,
            _ => None,
        }
    }

    /// Whether a settings error is about a value outside its option's range.
    pub fn out_of_range(&self) -> bool {
        matches!(self, Error::Config { range: true, .. })
    }

    /// The message without the kind's prefix (for showing next to the setting it is about).
    pub fn detail(&self) -> &str {
        match self {
            Error::Config { message: m, .. }
            | Error::Data(m)
            | Error::Model(m)
            | Error::Input(m)
            | Error::Diverged(m) => m,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message, .. } => write!(f, "invalid setting: {message}"),
            Error::Data(m) => write!(f, "invalid data: {m}"),
            Error::Model(m) => write!(f, "invalid model file: {m}"),
            Error::Input(m) => write!(f, "invalid input: {m}"),
            Error::Diverged(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
