//! Training examples: inputs and targets, stored compactly (images stay bytes until used).

use crate::error::{Error, Result};

#[derive(Clone, Debug, PartialEq)]
pub enum Inputs {
    Floats(Vec<f32>),
    /// Pixels 0..=255, presented to the network as 0..1 (the normalisation of modern MNIST).
    Bytes(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    Floats(Vec<f32>),
    /// Class labels, presented as one-hot vectors.
    Classes(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub input_size: usize,
    pub output_size: usize,
    /// Width and height when the inputs are images.
    pub image: Option<(usize, usize)>,
    inputs: Inputs,
    targets: Targets,
}

impl Dataset {
    pub fn new(
        input_size: usize,
        output_size: usize,
        inputs: Inputs,
        targets: Targets,
    ) -> Result<Dataset> {
        let n_in = match &inputs {
            Inputs::Floats(v) => v.len(),
            Inputs::Bytes(v) => v.len(),
        };
        if input_size == 0 || output_size == 0 || n_in % input_size != 0 {
            return Err(Error::Data(format!(
                "{n_in} input values do not split into examples of {input_size}"
            )));
        }
        let count = n_in / input_size;
        let n_targets = match &targets {
            Targets::Floats(v) => v.len() / output_size,
            Targets::Classes(v) => v.len(),
        };
        if n_targets != count
            || matches!(&targets, Targets::Floats(v) if v.len() % output_size != 0)
        {
            return Err(Error::Data(format!(
                "{count} inputs but {n_targets} targets"
            )));
        }
        if let Targets::Classes(labels) = &targets {
            if let Some(&bad) = labels.iter().find(|&&l| l as usize >= output_size) {
                return Err(Error::Data(format!(
                    "label {bad} is out of range for {output_size} classes"
                )));
            }
        }
        Ok(Dataset {
            input_size,
            output_size,
            image: None,
            inputs,
            targets,
        })
    }

    pub fn len(&self) -> usize {
        match &self.targets {
            Targets::Floats(v) => v.len() / self.output_size,
            Targets::Classes(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The memory it takes: its examples, plus a word per example for the order they are
    /// shown in (for the memory budget).
    pub fn bytes(&self) -> usize {
        let inputs = match &self.inputs {
            Inputs::Floats(v) => v.len() * 4,
            Inputs::Bytes(v) => v.len(),
        };
        let targets = match &self.targets {
            Targets::Floats(v) => v.len() * 4,
            Targets::Classes(v) => v.len(),
        };
        inputs + targets + self.len() * std::mem::size_of::<usize>()
    }

    pub fn copy_input(&self, i: usize, out: &mut [f32]) {
        let range = i * self.input_size..(i + 1) * self.input_size;
        match &self.inputs {
            Inputs::Floats(v) => out.copy_from_slice(&v[range]),
            Inputs::Bytes(v) => {
                for (o, &p) in out.iter_mut().zip(&v[range]) {
                    *o = p as f32 * (1.0 / 255.0);
                }
            }
        }
    }

    pub fn copy_target(&self, i: usize, out: &mut [f32]) {
        match &self.targets {
            Targets::Floats(v) => {
                out.copy_from_slice(&v[i * self.output_size..(i + 1) * self.output_size])
            }
            Targets::Classes(v) => {
                out.fill(0.0);
                // A label the output cannot name stays all zeros (never an index out of bounds).
                if let Some(o) = out.get_mut(v[i] as usize) {
                    *o = 1.0;
                }
            }
        }
    }

    pub fn input(&self, i: usize) -> Vec<f32> {
        let mut v = vec![0.0; self.input_size];
        self.copy_input(i, &mut v);
        v
    }

    pub fn target(&self, i: usize) -> Vec<f32> {
        let mut v = vec![0.0; self.output_size];
        self.copy_target(i, &mut v);
        v
    }

    /// The class of example i, when the targets are classes.
    pub fn label(&self, i: usize) -> Option<usize> {
        match &self.targets {
            Targets::Classes(v) => v.get(i).map(|&l| l as usize),
            Targets::Floats(_) => None,
        }
    }

    /// Raw pixel bytes of image i (for drawing thumbnails), when the inputs are bytes.
    pub fn image_bytes(&self, i: usize) -> Option<&[u8]> {
        match &self.inputs {
            // Checked: on wasm32 a large index times the image size would wrap to image 0.
            Inputs::Bytes(v) => v.get(
                i.checked_mul(self.input_size)?..i.checked_add(1)?.checked_mul(self.input_size)?,
            ),
            Inputs::Floats(_) => None,
        }
    }

    /// The first `n` examples (for quick runs and tests).
    pub fn head(&self, n: usize) -> Dataset {
        let n = n.min(self.len());
        let inputs = match &self.inputs {
            Inputs::Floats(v) => Inputs::Floats(v[..n * self.input_size].to_vec()),
            Inputs::Bytes(v) => Inputs::Bytes(v[..n * self.input_size].to_vec()),
        };
        let targets = match &self.targets {
            Targets::Floats(v) => Targets::Floats(v[..n * self.output_size].to_vec()),
            Targets::Classes(v) => Targets::Classes(v[..n].to_vec()),
        };
        Dataset {
            inputs,
            targets,
            ..self.clone_shape()
        }
    }

    fn clone_shape(&self) -> Dataset {
        Dataset {
            input_size: self.input_size,
            output_size: self.output_size,
            image: self.image,
            inputs: Inputs::Floats(vec![]),
            targets: Targets::Floats(vec![]),
        }
    }
}

/// The source's task: the output is x1 XOR x2; the third input is a distraction to unlearn.
pub fn xor3() -> Dataset {
    let inputs = [
        [0, 0, 1],
        [0, 1, 1],
        [1, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
    ];
    let targets = [0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0];
    let flat = inputs.iter().flatten().map(|&x| x as f32).collect();
    Dataset::new(
        3,
        1,
        Inputs::Floats(flat),
        Targets::Floats(targets.to_vec()),
    )
    .expect("xor3 is well formed")
}

/// The classic two-input XOR.
pub fn xor2() -> Dataset {
    let flat = vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
    Dataset::new(
        2,
        1,
        Inputs::Floats(flat),
        Targets::Floats(vec![0.0, 1.0, 1.0, 0.0]),
    )
    .expect("xor2 is well formed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor3_is_the_source_table() {
        let d = xor3();
        assert_eq!(d.len(), 7);
        for i in 0..7 {
            let x = d.input(i);
            let expected = ((x[0] as u8) ^ (x[1] as u8)) as f32;
            assert_eq!(d.target(i), vec![expected]);
        }
        assert_eq!(d.input(0), vec![0.0, 0.0, 1.0]);
    }

    #[test]
    fn bytes_are_normalised_and_classes_one_hot() {
        let d = Dataset::new(
            2,
            3,
            Inputs::Bytes(vec![0, 255, 51, 102]),
            Targets::Classes(vec![2, 0]),
        )
        .unwrap();
        assert_eq!(d.input(0), vec![0.0, 1.0]);
        assert!((d.input(1)[0] - 0.2).abs() < 1e-6);
        assert_eq!(d.target(0), vec![0.0, 0.0, 1.0]);
        assert_eq!(d.label(1), Some(0));
        assert_eq!(d.head(1).len(), 1);
    }

    #[test]
    fn mismatched_data_is_an_error() {
        assert!(Dataset::new(
            2,
            1,
            Inputs::Floats(vec![0.0; 3]),
            Targets::Floats(vec![0.0])
        )
        .is_err());
        assert!(Dataset::new(
            2,
            1,
            Inputs::Floats(vec![0.0; 4]),
            Targets::Floats(vec![0.0])
        )
        .is_err());
        assert!(Dataset::new(1, 2, Inputs::Bytes(vec![1]), Targets::Classes(vec![5])).is_err());
    }
}
