//! Options from JS (a plain object) into the core's schema values; the core checks them.

use crate::{fail, js_error};
use neuroglow_core::dataset::{self, Dataset};
use neuroglow_core::schema::{self, Data, TaskSpec, Value};
use neuroglow_core::{Error, NetConfig};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// The task named in the options and the other options as the core's values.
pub struct Options {
    task: Option<String>,
    given: Vec<(String, Value)>,
}

pub struct Built {
    pub task: &'static str,
    pub preset: Option<&'static str>,
    pub config: NetConfig,
    /// None when only checking image options (no images given).
    pub data: Option<Dataset>,
}

/// One JS value as a schema value (null/undefined: absent); anything else is refused by name.
fn value(name: &str, v: &JsValue) -> Result<Option<Value>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(x) = v.as_f64() {
        return Ok(Some(Value::Num(x)));
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(Value::Text(s)));
    }
    if js_sys::Array::is_array(v) {
        let list: Option<Vec<f64>> = js_sys::Array::from(v).iter().map(|x| x.as_f64()).collect();
        if let Some(list) = list {
            return Ok(Some(Value::List(list)));
        }
    }
    let option = schema::option(name).map(|o| o.name);
    Err(js_error(Error::Config {
        option,
        message: format!("option \"{name}\" has a value of the wrong type"),
        range: true,
    }))
}

pub fn parse(options: &JsValue) -> Result<Options, JsValue> {
    let mut out = Options {
        task: None,
        given: Vec::new(),
    };
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(js_error(Error::config("options must be an object")));
    }
    let obj: &js_sys::Object = options.unchecked_ref();
    for entry in js_sys::Object::entries(obj).iter() {
        let pair = js_sys::Array::from(&entry);
        let name = pair.get(0).as_string().unwrap_or_default();
        let v = pair.get(1);
        if name == "task" {
            if !(v.is_undefined() || v.is_null()) {
                out.task = Some(v.as_string().ok_or_else(|| {
                    js_error(Error::Config {
                        option: Some("task"),
                        message: "task must be a string".into(),
                        range: true,
                    })
                })?);
            }
            continue;
        }
        if let Some(v) = value(&name, &v)? {
            out.given.push((name, v));
        }
    }
    Ok(out)
}

impl Options {
    /// The task and its config for data of this shape (no data: MNIST's for image tasks).
    pub fn config(&self, images: Option<Dataset>) -> Result<Built, JsValue> {
        let default = if images.is_some() { "mnist" } else { "xor3" };
        let name = self.task.as_deref().unwrap_or(default);
        // "images" is MNIST's task on the user's own image files.
        let (task, spec): (&'static str, &'static TaskSpec) = if name == schema::OWN_IMAGES {
            (
                schema::OWN_IMAGES,
                schema::task_or_err("mnist").map_err(js_error)?,
            )
        } else {
            let spec = schema::task_or_err(name).map_err(js_error)?;
            (spec.name, spec)
        };
        let data = match (spec.data, images) {
            (Data::Xor3, None) => Some(dataset::xor3()),
            (Data::Xor2, None) => Some(dataset::xor2()),
            (Data::Images, d) => d,
            (Data::Model, _) => {
                return Err(js_error(Error::Config {
                    option: Some("task"),
                    message: format!("task \"{name}\" builds no network"),
                    range: false,
                }))
            }
            (_, Some(_)) => {
                return Err(js_error(Error::Config {
                    option: Some("task"),
                    message: format!("task \"{name}\" does not learn from images"),
                    range: false,
                }))
            }
        };
        let (inputs, classes) = data
            .as_ref()
            .map_or((schema::MNIST_INPUTS, schema::MNIST_CLASSES), |d| {
                (d.input_size, d.output_size)
            });
        let config = schema::resolve(spec, &self.given, inputs, classes).map_err(js_error)?;
        let preset = (spec.data == Data::Images).then(|| {
            let chosen = self.given.iter().find_map(|(n, v)| match v {
                Value::Text(t) if n == "preset" => Some(t.as_str()),
                _ => None,
            });
            neuroglow_core::presets::PRESETS
                .iter()
                .copied()
                .find(|p| Some(*p) == chosen)
                .unwrap_or(schema::DEFAULT_PRESET)
        });
        Ok(Built {
            task,
            preset,
            config,
            data,
        })
    }
}

/// The options in force, by name (what `settings()` and `checkOptions` return).
#[derive(Serialize)]
pub struct InForce {
    task: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    preset: Option<&'static str>,
    #[serde(flatten)]
    options: BTreeMap<&'static str, Value>,
}

pub fn in_force(task: &'static str, preset: Option<&'static str>, config: &NetConfig) -> InForce {
    InForce {
        task,
        preset,
        options: schema::options_of(config).into_iter().collect(),
    }
}

/// Refuses a missing precondition with code "state".
pub fn need<T>(v: Option<T>, message: &str) -> Result<T, JsValue> {
    v.ok_or_else(|| fail("state", message))
}
