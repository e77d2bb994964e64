//! Target `idx`: MNIST's file format and the data set built from an images and a labels file
//! (`idx::image_dataset`, what `Playground.withImages` and `setTestData` run on user files).
//!
//! Input: u16 (little-endian) n, then n bytes of images file, then the labels file (the rest).
//! Each file may be gzipped. Each is read once more as a stream (`idx::read`) arriving in
//! chunks of 1 to 64 bytes, its length stated right, short or long.
//!
//! Properties: nothing panics; a refusal is a data error; what is accepted is consistent —
//! dimensions that multiply to the data, at most `idx::MAX_BYTES` of it (gzip or not) and at
//! most `budget::MAX_EXAMPLES` examples, a plain file's data is its bytes after the header,
//! reading in chunks gives what parsing the bytes gives, and the data set's examples, sizes
//! and labels agree with the files.

use crate::input::Input;
use neuroglow_core::budget::MAX_EXAMPLES;
use neuroglow_core::idx::{self, MAX_BYTES, MAX_CLASSES, MAX_SIDE};
use neuroglow_core::Result;

/// Builds the input for an images and a labels file (seeds, tests).
pub fn encode(images: &[u8], labels: &[u8]) -> Vec<u8> {
    let mut out = (images.len() as u16).to_le_bytes().to_vec();
    out.extend_from_slice(images);
    out.extend_from_slice(labels);
    out
}

pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let n = input.u16() as usize;
    let images = input.take(n);
    let labels = input.rest();
    for file in [images, labels] {
        check_file(file);
    }
    let dataset = idx::image_dataset(images, labels);
    let (Ok(images), Ok(labels)) = (idx::parse(images, "images"), idx::parse(labels, "labels"))
    else {
        assert!(dataset.is_err(), "a data set from files that do not parse");
        return;
    };
    let copy = |f: &idx::Idx| idx::Idx {
        dims: f.dims.clone(),
        data: f.data.clone(),
    };
    assert_eq!(
        idx::dataset(copy(&images), copy(&labels)),
        dataset,
        "dataset() of the parsed files"
    );
    let Ok(d) = dataset else { return };
    // Accepted: n images of side × side, n labels, every label a class.
    let [count, rows, cols] = images.dims[..] else {
        panic!("accepted images of dimensions {:?}", images.dims)
    };
    assert_eq!(labels.dims, vec![count], "labels belong to the images");
    assert!(
        count > 0 && rows == cols && (1..=MAX_SIDE).contains(&rows),
        "{:?}",
        images.dims
    );
    assert_eq!(
        (d.len(), d.input_size, d.image),
        (count, rows * cols, Some((cols, rows)))
    );
    assert!(
        (10..=MAX_CLASSES).contains(&d.output_size),
        "{} classes",
        d.output_size
    );
    for (i, &l) in labels.data.iter().enumerate() {
        assert_eq!(d.label(i), Some(l as usize));
        assert!(
            (l as usize) < d.output_size,
            "label {l} of {} classes",
            d.output_size
        );
    }
    assert_eq!(d.label(count), None);
    // The first and last examples read back as their bytes, normalised, with one-hot targets.
    for i in [0, count - 1] {
        let pixels = &images.data[i * rows * cols..(i + 1) * rows * cols];
        assert_eq!(d.image_bytes(i), Some(pixels));
        let x = d.input(i);
        assert_eq!(x.len(), d.input_size);
        assert!(x
            .iter()
            .zip(pixels)
            .all(|(&v, &p)| (0.0..=1.0).contains(&v) && (v - p as f32 / 255.0).abs() < 1e-6));
        let t = d.target(i);
        assert_eq!(t.len(), d.output_size);
        assert_eq!(t.iter().filter(|&&v| v == 1.0).count(), 1);
        assert_eq!(t[labels.data[i] as usize], 1.0);
    }
    assert_eq!(d.image_bytes(count), None);
    assert_eq!(d.image_bytes(usize::MAX), None);
}

/// One file through `parse` (which streams: gzip is decoded only as far as the header
/// promises), and through `read` in chunks.
fn check_file(file: &[u8]) {
    let gzip = file.len() >= 2 && file[..2] == [0x1f, 0x8b];
    let parsed = idx::parse(file, "file");
    match &parsed {
        Ok(f) => {
            assert!((1..=4).contains(&f.dims.len()), "{:?}", f.dims);
            let product = f.dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
            assert_eq!(
                product,
                Some(f.data.len()),
                "dimensions {:?} and {} bytes",
                f.dims,
                f.data.len()
            );
            assert!(f.data.len() <= MAX_BYTES && f.dims[0] <= MAX_EXAMPLES);
            if !gzip {
                assert_eq!(
                    &file[4 + 4 * f.dims.len()..],
                    &f.data[..],
                    "a plain file's data is its bytes"
                );
            }
        }
        Err(e) => assert_eq!(e.code(), "data", "{e:?}"),
    }
    // The same bytes arriving in chunks, their length stated right: the same result.
    agree(
        idx::read(Chunks::new(file), file.len(), "file"),
        &parsed,
        gzip,
        true,
        "read in chunks",
    );
    // Stated short: what parsing the shorter file gives.
    let cut = file.last().map_or(0, |&b| b as usize % 8).min(file.len());
    let short = file.len() - cut;
    agree(
        idx::read(Chunks::new(file), short, "file"),
        &idx::parse(&file[..short], "file"),
        gzip,
        true,
        "read short",
    );
    // Stated long: the same data (a message may count the bytes differently).
    agree(
        idx::read(Chunks::new(file), file.len() + 1 + cut, "file"),
        &parsed,
        gzip,
        false,
        "read long",
    );
}

/// Two reads of the same bytes give the same result. Damaged gzip data is the exception: the
/// decoder reports the damage when it reaches it, which depends on how much it was given at a
/// time, so one read can fail on it while the other has already failed or succeeded on the
/// data decoded before it.
/// `messages`: whether the errors' messages must agree too.
fn agree(a: Result<idx::Idx>, b: &Result<idx::Idx>, gzip: bool, messages: bool, what: &str) {
    let damaged = |r: &Result<idx::Idx>| matches!(r, Err(e) if e.to_string().contains("gzip data is damaged"));
    if gzip && (damaged(&a) || damaged(b)) {
        return;
    }
    match (&a, b) {
        (Err(x), Err(y)) if !messages => {
            assert_eq!((x.code(), y.code()), ("data", "data"), "{what}")
        }
        _ => assert_eq!(&a, b, "{what}"),
    }
}

/// A reader giving the bytes in chunks of 1 to 64, sized by the bytes themselves.
struct Chunks<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Chunks<'a> {
    fn new(data: &'a [u8]) -> Chunks<'a> {
        Chunks { data, pos: 0 }
    }
}

impl std::io::Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = &self.data[self.pos..];
        let want = 1 + left
            .first()
            .map_or(0, |&b| (b as usize).wrapping_mul(37) % 64);
        let n = want.min(buf.len()).min(left.len());
        buf[..n].copy_from_slice(&left[..n]);
        self.pos += n;
        Ok(n)
    }
}
