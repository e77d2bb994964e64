//! `Reader`: a trained network that only reads (no data, no training), for the drawing pad
//! on the main thread, where a prediction must take well under a millisecond.

use crate::frame::{self, FrameCache};
use crate::{js_error, to_js, views};
use neuroglow_core::calibration::{Calibration, Verdict};
use neuroglow_core::known::Known;
use neuroglow_core::model_file;
use neuroglow_core::preprocess::{self, Gray, Preprocessor};
use neuroglow_core::raster::{self, Strokes};
use neuroglow_core::trace::Trace;
use neuroglow_core::{Error, Network};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Reader {
    net: Network,
    trace: Trace,
    note: String,
    calibration: Calibration,
    /// The network holds a reading (the pad has ink).
    has_input: bool,
    frames: FrameCache,
    /// The last reading: calibrated probabilities and what to say.
    confidence: Vec<f32>,
    verdict: Option<Verdict>,
    /// The drawing read last (kept for its steps) and how it became the input; `steps` is
    /// false for pixels given straight.
    ink: Gray,
    /// The pen's strokes, painted as they grow; `strokes` says which of the two was read last.
    painter: raster::Painter,
    strokes: bool,
    pre: Preprocessor,
    steps: bool,
    xy: Vec<f32>,
    ends: Vec<u32>,
}

/// What the frame's `state` says about the reading (null while the pad is empty).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Reading<'a> {
    /// "sure", "unsure" or "no-digit".
    verdict: &'static str,
    /// The two likeliest digits by calibrated confidence.
    first: usize,
    second: usize,
    /// Calibrated probabilities softmax(z / T), one per output.
    confidence: &'a [f32],
    temperature: f32,
    /// Below this top confidence the reading is "unsure".
    unsure_below: f32,
    steps: Option<StepsOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StepsOut<'a> {
    /// The drawing's size in pixels, and the ink's box in it [x0, y0, x1, y1) .
    width: usize,
    height: usize,
    bounds: [usize; 4],
    /// Box pixels per drawing pixel.
    scale: f32,
    /// The ink in the 20×20 box: its size and pixels (row-major, 0..1).
    small_width: usize,
    small_height: usize,
    small: &'a [f32],
    centre_of_mass: [f32; 2],
    /// Where the small image's top-left lands in the 28×28 field.
    shift: [isize; 2],
    /// The field's and the box's side (28, 20).
    field: usize,
    box_side: usize,
    /// Whole pixels the centre of mass moved the ink (right, down) from where centring its
    /// size alone would have put it.
    moved: [isize; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReaderInfo<'a> {
    sizes: Vec<usize>,
    activations: Vec<&'static str>,
    parameter_count: usize,
    note: &'a str,
    /// The calibration's temperature (1: none).
    temperature: f32,
    /// The pen the pad draws with (share of its side), the side strokes are read at, and the
    /// most points a drawing may have.
    pen: f32,
    side: usize,
    max_points: usize,
}

impl Reader {
    /// The outputs of the pass just made, if finite; otherwise the network goes dark and the
    /// error says why (weights too large for this input), never a misleading reading.
    fn checked_output(&mut self) -> Result<Vec<f32>, JsValue> {
        if let Err(e) = neuroglow_core::network::check_output(self.trace.output()) {
            self.go_dark();
            return Err(js_error(e));
        }
        self.has_input = true;
        let z = self.trace.z.last().map_or(&[][..], |z| &z[..]);
        self.verdict = Some(self.calibration.read(z, &mut self.confidence));
        Ok(self.trace.output().to_vec())
    }

    fn go_dark(&mut self) {
        self.has_input = false;
        self.verdict = None;
        self.trace.clear();
    }

    /// The drawing read last: the painted strokes or the pixels given.
    fn drawing(&self) -> &Gray {
        if self.strokes {
            self.painter.ink()
        } else {
            &self.ink
        }
    }

    /// Preprocesses the drawing and runs the network on it.
    fn read_ink(&mut self) -> Result<Option<Vec<f32>>, JsValue> {
        self.steps = false;
        let ink = if self.strokes {
            self.painter.ink()
        } else {
            &self.ink
        };
        match self.pre.run(ink) {
            Some(steps) => {
                self.net.forward(&steps.field.pixels, &mut self.trace);
                self.steps = true;
                self.checked_output().map(Some)
            }
            None => {
                self.go_dark();
                Ok(None)
            }
        }
    }

    fn reading(&self) -> Result<JsValue, JsValue> {
        let Some(verdict) = self.verdict else {
            return Ok(JsValue::NULL);
        };
        let (first, second) = neuroglow_core::ranking::top_two(&self.confidence).unwrap_or((0, 0));
        let s = self.pre_steps();
        crate::to_json(&Reading {
            verdict: verdict.name(),
            first,
            second,
            confidence: &self.confidence,
            temperature: self.calibration.temperature,
            unsure_below: neuroglow_core::calibration::UNSURE_BELOW,
            steps: s.map(|s| StepsOut {
                width: self.drawing().width,
                height: self.drawing().height,
                bounds: [s.bounds.0, s.bounds.1, s.bounds.2, s.bounds.3],
                scale: s.scale,
                small_width: s.small.width,
                small_height: s.small.height,
                small: &s.small.pixels,
                centre_of_mass: [s.centre_of_mass.0, s.centre_of_mass.1],
                shift: [s.shift.0, s.shift.1],
                field: preprocess::FIELD,
                box_side: preprocess::BOX,
                moved: [s.moved.0, s.moved.1],
            }),
        })
    }

    fn pre_steps(&self) -> Option<&preprocess::Steps> {
        self.steps.then(|| self.pre.steps())
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
        let outputs = model.net.output_size();
        Ok(Reader {
            net: model.net,
            trace,
            note: model.note,
            calibration: model.calibration,
            has_input: false,
            frames,
            confidence: vec![0.0; outputs],
            verdict: None,
            ink: Gray::default(),
            painter: raster::Painter::default(),
            strokes: false,
            pre: Preprocessor::default(),
            steps: false,
            xy: Vec::new(),
            ends: Vec::new(),
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
            temperature: self.calibration.temperature,
            pen: raster::PEN,
            side: raster::SIDE,
            max_points: raster::MAX_POINTS,
        })
    }

    /// One frame, in the same shape as `Playground.frame` (state null; no gradients).
    pub fn frame(&mut self) -> Result<JsValue, JsValue> {
        let known = Known::read(self.net.layers.len(), self.has_input);
        let extra = frame::Extra {
            state: self.reading()?,
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
        self.ink = Gray::from_rgba(&rgba, width, height).map_err(js_error)?;
        self.strokes = false;
        self.read_ink()
    }

    /// Reads the pen's strokes: `xy` (Float32Array) holds every point's x and y as shares of
    /// the pad's side, `ends` (Uint32Array) the point count up to each stroke's end. Painted
    /// with the pad's pen at `info().side` pixels, preprocessed and read — no canvas readback.
    /// Returns the outputs, or `undefined` for no strokes.
    #[wasm_bindgen(js_name = readStrokes)]
    pub fn read_strokes(
        &mut self,
        xy: JsValue,
        ends: JsValue,
    ) -> Result<Option<Vec<f32>>, JsValue> {
        let (mut pts, mut ends_buf) =
            (std::mem::take(&mut self.xy), std::mem::take(&mut self.ends));
        let checked = crate::input::typed_into::<js_sys::Float32Array>(
            &xy,
            2 * raster::MAX_POINTS,
            "the points",
            &mut pts,
        )
        .and_then(|_| {
            crate::input::typed_into::<js_sys::Uint32Array>(
                &ends,
                raster::MAX_POINTS,
                "the stroke ends",
                &mut ends_buf,
            )
        })
        .and_then(|_| Strokes::new(&pts, &ends_buf).map_err(js_error));
        let result = checked.map(|strokes| {
            self.painter.paint(strokes, raster::PEN, raster::SIDE);
        });
        (self.xy, self.ends) = (pts, ends_buf);
        result?;
        self.strokes = true;
        self.read_ink()
    }

    /// Runs 784 pixels (0..1) straight through the network, filling the views.
    #[wasm_bindgen(js_name = readPixels)]
    pub fn read_pixels(&mut self, pixels: JsValue) -> Result<Vec<f32>, JsValue> {
        let pixels = crate::input::floats(&pixels, self.net.input_size(), "the pixels")?;
        neuroglow_core::network::check_input(&pixels, self.net.input_size()).map_err(js_error)?;
        self.steps = false;
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
