//! The IDX file format of MNIST (and Fashion-MNIST, EMNIST…), gzipped or not.
//!
//! Big-endian: two zero bytes, the element type (0x08 = unsigned byte), the number of
//! dimensions, one u32 size per dimension, then the data in row-major order.

use crate::dataset::{Dataset, Inputs, Targets};
use crate::error::{Error, Result};
use std::io::Read;

/// Largest decompressed file we accept (the MNIST training images are 47 MB).
pub const MAX_BYTES: usize = 256 << 20;
/// Largest image side and class count a user's data set may have.
pub const MAX_SIDE: usize = 64;
pub const MAX_CLASSES: usize = 100;

#[derive(Debug, PartialEq)]
pub struct Idx {
    pub dims: Vec<usize>,
    pub data: Vec<u8>,
}

/// Decompresses when the bytes are gzip (magic 1f 8b), refusing anything too large.
pub fn gunzip_if_needed(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return Ok(bytes.into());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Data(format!("the gzip data is damaged ({e})")))?;
    if out.len() > MAX_BYTES {
        return Err(Error::Data(format!("the file is larger than {} MB uncompressed", MAX_BYTES >> 20)));
    }
    Ok(out.into())
}

/// Parses an IDX file of unsigned bytes, gzipped or not. `what` names it in messages.
pub fn parse(bytes: &[u8], what: &str) -> Result<Idx> {
    let bytes = gunzip_if_needed(bytes).map_err(|e| prefix(e, what))?;
    let err = |m: String| Error::Data(format!("{what}: {m}"));
    if bytes.len() < 4 {
        return Err(err(format!("only {} bytes: too short to be an IDX file", bytes.len())));
    }
    if bytes[0] != 0 || bytes[1] != 0 {
        return Err(err("not an IDX file (it must start with two zero bytes)".into()));
    }
    if bytes[2] != 0x08 {
        return Err(err(format!(
            "element type 0x{:02X} is not supported (only 0x08, unsigned bytes)",
            bytes[2]
        )));
    }
    let ndim = bytes[3] as usize;
    if ndim == 0 || ndim > 4 {
        return Err(err(format!("{ndim} dimensions is not supported (1 to 4)")));
    }
    let header = 4 + 4 * ndim;
    if bytes.len() < header {
        return Err(err(format!("truncated: the header needs {header} bytes, the file has {}", bytes.len())));
    }
    let dims: Vec<usize> = bytes[4..header]
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let expected = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).filter(|&n| n <= MAX_BYTES);
    let Some(expected) = expected else {
        return Err(err(format!("dimensions {dims:?} are too large")));
    };
    let found = bytes.len() - header;
    if found < expected {
        return Err(err(format!("truncated: dimensions {dims:?} need {expected} bytes of data, found {found}")));
    }
    if found > expected {
        return Err(err(format!("{} unexpected bytes after the data of dimensions {dims:?}", found - expected)));
    }
    Ok(Idx { dims, data: bytes[header..].to_vec() })
}

fn prefix(e: Error, what: &str) -> Error {
    match e {
        Error::Data(m) => Error::Data(format!("{what}: {m}")),
        other => other,
    }
}

/// An image classification set from an images file (n × side × side) and a labels file (n).
pub fn image_dataset(images: &[u8], labels: &[u8]) -> Result<Dataset> {
    let images = parse(images, "images file")?;
    let labels = parse(labels, "labels file")?;
    let [n, rows, cols] = images.dims[..] else {
        return Err(Error::Data(format!(
            "images file: expected 3 dimensions (count × rows × columns), found {:?}{}",
            images.dims,
            if images.dims.len() == 1 { " — is this the labels file?" } else { "" }
        )));
    };
    if rows != cols || rows == 0 || rows > MAX_SIDE {
        return Err(Error::Data(format!(
            "images file: images must be square, 1 to {MAX_SIDE} pixels a side; these are {rows}×{cols}"
        )));
    }
    let [count] = labels.dims[..] else {
        return Err(Error::Data(format!(
            "labels file: expected 1 dimension (count), found {:?}{}",
            labels.dims,
            if labels.dims.len() == 3 { " — is this the images file?" } else { "" }
        )));
    };
    if count != n {
        return Err(Error::Data(format!("{n} images but {count} labels: the files do not belong together")));
    }
    if n == 0 {
        return Err(Error::Data("the files hold no examples".into()));
    }
    let classes = labels.data.iter().copied().max().unwrap_or(0) as usize + 1;
    if classes > MAX_CLASSES {
        return Err(Error::Data(format!("label {} is beyond the {MAX_CLASSES} classes supported", classes - 1)));
    }
    // At least 10 outputs, so MNIST-like sets with a missing digit still have ten.
    let classes = classes.max(10).min(MAX_CLASSES);
    let mut d = Dataset::new(rows * cols, classes, Inputs::Bytes(images.data), Targets::Classes(labels.data))?;
    d.image = Some((cols, rows));
    Ok(d)
}

/// Builds an IDX file (used by tests and tools that write data).
pub fn encode(dims: &[usize], data: &[u8]) -> Vec<u8> {
    let mut out = vec![0, 0, 0x08, dims.len() as u8];
    for &d in dims {
        out.extend_from_slice(&(d as u32).to_be_bytes());
    }
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn tiny() -> (Vec<u8>, Vec<u8>) {
        let pixels: Vec<u8> = (0..2 * 4 * 4).map(|i| (i * 8) as u8).collect();
        (encode(&[2, 4, 4], &pixels), encode(&[2], &[3, 7]))
    }

    #[test]
    fn reads_plain_and_gzipped_files() {
        let (img, lab) = tiny();
        for (i, l) in [(img.clone(), lab.clone()), (gzip(&img), gzip(&lab))] {
            let d = image_dataset(&i, &l).unwrap();
            assert_eq!((d.len(), d.input_size, d.output_size, d.image), (2, 16, 10, Some((4, 4))));
            assert_eq!(d.label(1), Some(7));
            assert!((d.input(1)[0] - 128.0 / 255.0).abs() < 1e-6);
        }
    }

    #[test]
    fn malformed_files_get_clear_messages() {
        let (img, lab) = tiny();
        let msg = |r: Result<Dataset>| r.unwrap_err().to_string();
        assert!(msg(image_dataset(&img[..img.len() - 3], &lab)).contains("truncated"));
        assert!(msg(image_dataset(&img[..6], &lab)).contains("truncated"));
        assert!(msg(image_dataset(&[1, 2, 3], &lab)).contains("too short"));
        assert!(msg(image_dataset(b"PNG\x89 not idx", &lab)).contains("not an IDX file"));
        let mut floats = img.clone();
        floats[2] = 0x0D;
        assert!(msg(image_dataset(&floats, &lab)).contains("0x0D"));
        assert!(msg(image_dataset(&lab, &img)).contains("labels file"));
        assert!(msg(image_dataset(&img, &encode(&[3], &[1, 2, 3]))).contains("2 images but 3 labels"));
        let mut extra = img.clone();
        extra.push(0);
        assert!(msg(image_dataset(&extra, &lab)).contains("unexpected bytes"));
        assert!(msg(image_dataset(&encode(&[1, 2, 3], &[0; 6]), &encode(&[1], &[0]))).contains("square"));
        assert!(msg(image_dataset(&encode(&[1, 65, 65], &[0; 65 * 65]), &encode(&[1], &[0]))).contains("64"));
        assert!(msg(image_dataset(&img, &encode(&[2], &[1, 200]))).contains("100 classes"));
        let broken_gzip = gzip(&img)[..20].to_vec();
        assert!(msg(image_dataset(&broken_gzip, &lab)).contains("gzip"));
        let huge = encode(&[0xFFFF_FFFF, 0xFFFF_FFFF, 2], &[]);
        assert!(msg(image_dataset(&huge, &lab)).contains("too large"));
    }
}
