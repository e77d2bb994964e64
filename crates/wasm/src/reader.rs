//! `Reader`: a trained network that only reads (no data, no training), for the drawing pad
//! on the main thread, where a prediction must take well under a millisecond.

use crate::frame::{self, FrameCache};
use crate::{js_error, to_js, views};
use neuroglow_core::known::Known;
use neuroglow_core::model_file;
use neuroglow_core::preprocess::{self, Gray};
use neuroglow_core::trace::Trace;
use neuroglow_core::{Error, Network};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Reader {
    net: Network,
    trace: Trace,
    note: String,
    /// The network holds a reading (the pad has ink).
    has_input: bool,
    frames: FrameCache,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReaderInfo<'a> {
    sizes: Vec<usize>,
    activations: Vec<&'static str>,
    parameter_count: usize,
    note: &'a str,
}

impl Reader {
    /// The outputs of the pass just made, if finite; otherwise the network goes dark and the
    /// error says why (weights too large for this input), never a misleading reading.
    fn checked_output(&mut self) -> Result<Vec<f32>, JsValue> {
        if let Err(e) = neuroglow_core::network::check_output(self.trace.output()) {
            self.has_input = false;
            self.trace.clear();
            return Err(js_error(e));
        }
        self.has_input = true;
        Ok(self.trace.output().to_vec())
    }
}

#[wasm_bindgen]
impl Reader {
    /// Loads a saved model (`.ngm` bytes); throws a clear message for a bad file.
    #[wasm_bindgen(js_name = fromModel)]
    pub fn from_model(bytes: JsValue) -> Result<Reader, JsValue> {
        let bytes = crate::input::bytes(&bytes, model_file::MAX_BYTES, "the model file")?;
        let model = model_file::load(&bytes).map_err(js_error)?;
        if model.net.input_size() != preprocess::FIELD * preprocess::FIELD {
            // Its own code: the page tells a learner this model was trained on other images.
            return Err(crate::fail(
                "model-shape",
                &Error::Model("drawings need a network with 784 inputs (28×28)".into()).to_string(),
            ));
        }
        let trace = Trace::new(&model.net.sizes());
        let mut frames = FrameCache::default();
        frames.fixed_weights = true;
        Ok(Reader {
            net: model.net,
            trace,
            note: model.note,
            has_input: false,
            frames,
        })
    }

    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&ReaderInfo {
            sizes: self.net.sizes(),
            activations: self
                .net
                .layers
                .iter()
                .map(|l| l.activation.name())
                .collect(),
            parameter_count: self.net.parameter_count(),
            note: &self.note,
        })
    }

    /// One frame, in the same shape as `Playground.frame` (state null; no gradients).
    pub fn frame(&mut self) -> Result<JsValue, JsValue> {
        let known = Known::read(self.net.layers.len(), self.has_input);
        let extra = frame::Extra {
            state: JsValue::NULL,
            known,
            before: None,
            before_exact: false,
        };
        let src = views::Source {
            net: &self.net,
            trace: &self.trace,
            optimizer: None,
            history: &[],
        };
        frame::build(&src, &mut self.frames, extra)
    }

    /// Reads a drawing (canvas RGBA, light ink on dark or transparent): preprocesses it as
    /// MNIST was made and runs the network, filling the views. Returns the outputs, or
    /// `undefined` when the pad has no ink (and the views go dark).
    pub fn read(
        &mut self,
        rgba: JsValue,
        width: usize,
        height: usize,
    ) -> Result<Option<Vec<f32>>, JsValue> {
        let rgba = crate::input::bytes(&rgba, preprocess::MAX_PIXELS * 4, "the image")?;
        let gray = Gray::from_rgba(&rgba, width, height).map_err(js_error)?;
        match preprocess::to_mnist(&gray) {
            Some(image) => {
                self.net.forward(&image.pixels, &mut self.trace);
                self.checked_output().map(Some)
            }
            None => {
                self.has_input = false;
                self.trace.clear();
                Ok(None)
            }
        }
    }

    /// Runs 784 pixels (0..1) straight through the network, filling the views.
    #[wasm_bindgen(js_name = readPixels)]
    pub fn read_pixels(&mut self, pixels: JsValue) -> Result<Vec<f32>, JsValue> {
        let pixels = crate::input::floats(&pixels, self.net.input_size(), "the pixels")?;
        neuroglow_core::network::check_input(&pixels, self.net.input_size()).map_err(js_error)?;
        self.net.forward(&pixels, &mut self.trace);
        self.checked_output()
    }

    /// Zero-copy views: weights, biases (per weight layer), z, a (per neuron layer).
    pub fn view(&self, kind: &str, index: usize) -> Result<js_sys::Float32Array, JsValue> {
        let src = views::Source {
            net: &self.net,
            trace: &self.trace,
            optimizer: None,
            history: &[],
        };
        views::view(&src, kind, index)
    }
}
