//! Saving and loading a trained network: a small versioned binary format.
//!
//! Layout (little-endian): magic `NGLWMDL1`, u32 format version, u32 header length, header
//! (UTF-8 `key=value` lines: sizes, activations, loss, bias, note), then every weight layer's
//! weights (column-major, f32) and biases (f32), then a u32 FNV-1a checksum of all before it.

use crate::activation::Activation;
use crate::calibration::Calibration;
use crate::config::NetConfig;
use crate::error::{Error, Result};
use crate::loss::Loss;
use crate::network::Network;
use nalgebra::{DMatrix, DVector};

const MAGIC: &[u8; 8] = b"NGLWMDL1";
pub const VERSION: u32 = 1;

/// A loaded model: the network and what it was trained with.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub net: Network,
    pub loss: Loss,
    /// Free text, e.g. how it was trained and its test accuracy.
    pub note: String,
    /// How sure its readings are (temperature, "no digit" threshold); the default for files
    /// written without one.
    pub calibration: Calibration,
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

pub fn save(net: &Network, loss: Loss, note: &str) -> Vec<u8> {
    save_calibrated(net, loss, note, &Calibration::default())
}

/// As `save`, with the model's calibration (written only when it is not the default, so an
/// uncalibrated model's file is as before).
pub fn save_calibrated(net: &Network, loss: Loss, note: &str, cal: &Calibration) -> Vec<u8> {
    let sizes: Vec<String> = net.sizes().iter().map(|s| s.to_string()).collect();
    let acts: Vec<&str> = net.layers.iter().map(|l| l.activation.name()).collect();
    let note = note.replace(['\n', '\r'], " ");
    let header = format!(
        "sizes={}\nactivations={}\nloss={}\nbias={}\nnote={note}\n",
        sizes.join(","),
        acts.join(","),
        loss.name(),
        net.bias
    );
    let mut header = header;
    if *cal != Calibration::default() {
        header += &format!("temperature={}\n", cal.temperature);
        if cal.no_digit_below.is_finite() {
            header += &format!("no_digit_below={}\n", cal.no_digit_below);
        }
    }
    let mut out = Vec::with_capacity(24 + header.len() + net.parameter_count() * 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    for l in &net.layers {
        for &v in l.weights.iter().chain(l.biases.iter()) {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let sum = fnv1a(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Largest model file we read: the largest network allowed, plus room for its header.
pub const MAX_BYTES: usize = crate::config::MAX_PARAMETERS * 4 + (64 << 10);

pub fn load(bytes: &[u8]) -> Result<Model> {
    let err = |m: &str| Error::Model(m.to_string());
    if bytes.len() > MAX_BYTES {
        return Err(Error::Model(format!(
            "the file is {} MB; a model is at most {} MB",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        )));
    }
    if bytes.len() < 20 || &bytes[..8] != MAGIC {
        return Err(err(
            "this is not a neuroglow model (it must start with NGLWMDL1)",
        ));
    }
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let version = u32_at(8);
    if version != VERSION {
        return Err(Error::Model(format!(
            "format version {version} is not supported (this page reads version {VERSION})"
        )));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if fnv1a(body) != u32::from_le_bytes([sum[0], sum[1], sum[2], sum[3]]) {
        return Err(err("the file is damaged or truncated (checksum mismatch)"));
    }
    let header_len = u32_at(12) as usize;
    let header_end = 16usize
        .checked_add(header_len)
        .filter(|&e| e <= body.len())
        .ok_or_else(|| err("the header is truncated"))?;
    let header =
        std::str::from_utf8(&body[16..header_end]).map_err(|_| err("the header is not text"))?;
    let field = |key: &str| {
        header
            .lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .ok_or_else(|| Error::Model(format!("the header has no {key}")))
    };
    let sizes: Vec<usize> = field("sizes")?
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|_| Error::Model(format!("bad layer size \"{s}\"")))
        })
        .collect::<Result<_>>()?;
    let acts: Vec<Activation> = field("activations")?
        .split(',')
        .map(|s| {
            Activation::parse(s.trim())
                .ok_or_else(|| Error::Model(format!("unknown activation \"{s}\"")))
        })
        .collect::<Result<_>>()?;
    let loss = Loss::parse(field("loss")?).ok_or_else(|| err("unknown loss"))?;
    let bias = match field("bias")? {
        "true" => true,
        "false" => false,
        other => {
            return Err(Error::Model(format!(
                "bias must be true or false, not \"{other}\""
            )))
        }
    };
    let note = field("note").unwrap_or("").to_string();
    let number = |key: &str, default: f32| match field(key) {
        Err(_) => Ok(default),
        Ok(v) => v
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| Error::Model(format!("{key} must be a finite number, not \"{v}\""))),
    };
    let calibration = Calibration {
        temperature: number("temperature", 1.0)?,
        no_digit_below: number("no_digit_below", f32::NEG_INFINITY)?,
    };
    if !(calibration.temperature > 0.0) {
        return Err(err("the temperature must be above 0"));
    }
    if acts.len() + 1 != sizes.len() {
        return Err(err("the number of activations does not match the layers"));
    }
    let hidden = acts.first().copied().unwrap_or(Activation::Sigmoid);
    let cfg = NetConfig {
        sizes: sizes.clone(),
        activation: if acts.len() > 1 {
            hidden
        } else {
            Activation::Sigmoid
        },
        output_activation: *acts.last().ok_or_else(|| err("no layers"))?,
        loss,
        bias,
        ..NetConfig::default()
    };
    cfg.validate().map_err(|e| Error::Model(e.to_string()))?;
    if acts[..acts.len() - 1].iter().any(|&a| a != cfg.activation) {
        return Err(err(
            "hidden layers with different activations are not supported",
        ));
    }
    let mut values = body[header_end..]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    let expected: usize = sizes.windows(2).map(|w| w[0] * w[1] + w[1]).sum();
    if (body.len() - header_end) != expected * 4 {
        return Err(Error::Model(format!(
            "expected {expected} numbers for a {} network, found {}",
            sizes
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("-"),
            (body.len() - header_end) / 4
        )));
    }
    let mut layers = Vec::new();
    for (k, w) in sizes.windows(2).enumerate() {
        let weights = DMatrix::from_iterator(w[1], w[0], values.by_ref().take(w[0] * w[1]));
        let stored = DVector::from_iterator(w[1], values.by_ref().take(w[1]));
        // A network without biases has zeros there (as `Network::new` makes them), whatever the file says.
        let biases = if bias { stored } else { DVector::zeros(w[1]) };
        layers.push(crate::network::Layer {
            weights,
            biases,
            activation: acts[k],
        });
    }
    let net = Network { layers, bias };
    if !net.is_finite() {
        return Err(err("the file holds numbers that are not finite"));
    }
    Ok(Model {
        net,
        loss,
        note,
        calibration,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::preset;
    use rand::SeedableRng;

    fn net() -> Network {
        let cfg = preset("modern", 20, 10).unwrap();
        Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(1))
    }

    #[test]
    fn round_trip_keeps_every_number() {
        let n = net();
        let bytes = save(&n, Loss::CrossEntropy, "test model, 98.1%");
        let m = load(&bytes).unwrap();
        assert_eq!(m.net, n);
        assert_eq!(m.loss, Loss::CrossEntropy);
        assert_eq!(m.note, "test model, 98.1%");
        assert_eq!(m.calibration, Calibration::default());
        let cal = Calibration {
            temperature: 1.37,
            no_digit_below: 2.5,
        };
        let m = load(&save_calibrated(&n, Loss::CrossEntropy, "", &cal)).unwrap();
        assert_eq!(m.calibration, cal);
    }

    #[test]
    fn bad_files_are_refused_with_reasons() {
        let bytes = save(&net(), Loss::CrossEntropy, "");
        let msg = |b: &[u8]| load(b).unwrap_err().to_string();
        assert!(msg(b"hello").contains("not a neuroglow model"));
        assert!(msg(&bytes[..bytes.len() - 10]).contains("checksum"));
        let mut flipped = bytes.clone();
        flipped[200] ^= 1;
        assert!(msg(&flipped).contains("checksum"));
        let mut v2 = bytes.clone();
        v2[8] = 2;
        assert!(msg(&v2).contains("version 2"));
        // A well-formed file whose header lies about the sizes.
        let mut bad = net();
        bad.layers[0].weights[(0, 0)] = f32::NAN;
        assert!(msg(&save(&bad, Loss::CrossEntropy, "")).contains("not finite"));
    }
}
