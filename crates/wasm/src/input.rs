//! Arrays from JS, measured before anything is copied into wasm memory. Wasm memory never
//! shrinks: one oversized array handed to a `&[u8]` parameter would keep the section's memory
//! grown for good. Files are read straight from the JS array as a stream, so a gzip is never
//! copied whole and an IDX header's sizes are checked before its data is read.

use crate::fail;
use js_sys::{Float32Array, Reflect, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};

/// A Uint8Array (or Uint8ClampedArray, e.g. ImageData's pixels) as a view, or an `input` error.
fn byte_view(value: &JsValue, what: &str) -> Result<Uint8Array, JsValue> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Ok(a.clone());
    }
    if let Some(c) = value.dyn_ref::<Uint8ClampedArray>() {
        return Ok(Uint8Array::new_with_byte_offset_and_length(
            &c.buffer(),
            c.byte_offset(),
            c.length(),
        ));
    }
    Err(fail(
        "input",
        &format!("{what} must be a Uint8Array of bytes"),
    ))
}

/// Reads a JS byte array from the start, a chunk at a time (no copy of the whole).
pub struct JsBytes {
    array: Uint8Array,
    pos: u32,
}

impl JsBytes {
    pub fn new(value: &JsValue, what: &str) -> Result<JsBytes, JsValue> {
        Ok(JsBytes {
            array: byte_view(value, what)?,
            pos: 0,
        })
    }

    pub fn len(&self) -> usize {
        self.array.length() as usize
    }
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (self.array.length() - self.pos).min(buf.len().min(1 << 20) as u32);
        self.array
            .subarray(self.pos, self.pos + n)
            .copy_to(&mut buf[..n as usize]);
        self.pos += n;
        Ok(n as usize)
    }
}

/// A whole JS byte array of at most `max` bytes, copied once it is known to fit.
pub fn bytes(value: &JsValue, max: usize, what: &str) -> Result<Vec<u8>, JsValue> {
    let array = byte_view(value, what)?;
    let n = array.length() as usize;
    if n > max {
        return Err(fail(
            "input",
            &format!("{what} is {n} bytes; at most {max} are read"),
        ));
    }
    Ok(array.to_vec())
}

/// Exactly `len` numbers from a Float32Array or an array-like, or an `input` error that says
/// how many it has (non-numbers become NaN, which the core refuses).
pub fn floats(value: &JsValue, len: usize, what: &str) -> Result<Vec<f32>, JsValue> {
    let n = if value.is_object() {
        Reflect::get(value, &"length".into())
            .ok()
            .and_then(|v| v.as_f64())
    } else {
        None
    };
    if n != Some(len as f64) {
        let got = n.map_or("something else".to_string(), |n| format!("{n}"));
        return Err(fail(
            "input",
            &format!("{what} needs {len} numbers, got {got}"),
        ));
    }
    let array = match value.dyn_ref::<Float32Array>() {
        Some(a) => a.clone(),
        None => Float32Array::new(value),
    };
    let mut out = vec![0.0; len];
    if array.length() as usize == len {
        array.copy_to(&mut out);
    }
    Ok(out)
}

/// Up to `max` numbers from a Float32Array (or Uint32Array, as `T`) into `out`, reusing its
/// memory; an `input` error for anything else or anything longer.
pub fn typed_into<T: TypedArray>(
    value: &JsValue,
    max: usize,
    what: &str,
    out: &mut Vec<T::Item>,
) -> Result<(), JsValue> {
    let Some(array) = value.dyn_ref::<T>() else {
        return Err(fail("input", &format!("{what} must be a {}", T::NAME)));
    };
    let n = array.len();
    if n > max {
        return Err(fail(
            "input",
            &format!("{what} has {n} numbers; at most {max} are read"),
        ));
    }
    out.clear();
    out.resize(n, T::Item::default());
    array.copy(out);
    Ok(())
}

/// The typed arrays `typed_into` reads.
pub trait TypedArray: JsCast {
    type Item: Copy + Default;
    const NAME: &'static str;
    fn len(&self) -> usize;
    fn copy(&self, out: &mut [Self::Item]);
}

impl TypedArray for Float32Array {
    type Item = f32;
    const NAME: &'static str = "Float32Array";
    fn len(&self) -> usize {
        self.length() as usize
    }
    fn copy(&self, out: &mut [f32]) {
        self.copy_to(out)
    }
}

impl TypedArray for js_sys::Uint32Array {
    type Item = u32;
    const NAME: &'static str = "Uint32Array";
    fn len(&self) -> usize {
        self.length() as usize
    }
    fn copy(&self, out: &mut [u32]) {
        self.copy_to(out)
    }
}
