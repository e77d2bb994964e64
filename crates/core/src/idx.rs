//! The IDX file format of MNIST (and Fashion-MNIST, EMNIST…), gzipped or not.
//!
//! Big-endian: two zero bytes, the element type (0x08 = unsigned byte), the number of
//! dimensions, one u32 size per dimension, then the data in row-major order.

use crate::budget::MAX_EXAMPLES;
use crate::dataset::{Dataset, Inputs, Targets};
use crate::error::{Error, Result};
use std::io::Read;

/// Largest decompressed file we accept (the MNIST training images are 47 MB).
pub const MAX_BYTES: usize = 128 << 20;
/// Largest file (gzipped or not) we start to read: gzip can add a little to incompressible data.
pub const MAX_FILE_BYTES: usize = MAX_BYTES + (MAX_BYTES >> 10) + 1024;
/// Largest image side and class count a user's data set may have.
pub const MAX_SIDE: usize = 64;
pub const MAX_CLASSES: usize = 100;

#[derive(Debug, PartialEq)]
pub struct Idx {
    pub dims: Vec<usize>,
    pub data: Vec<u8>,
}

/// Parses an IDX file of unsigned bytes, gzipped or not. `what` names it in messages.
pub fn parse(bytes: &[u8], what: &str) -> Result<Idx> {
    read(bytes, bytes.len(), what)
}

/// Parses an IDX file of `len` bytes from `source`, gzipped or not, reading only what its header
/// promises: the sizes are checked (bytes, examples) before anything big is allocated or read.
pub fn read(source: impl Read, len: usize, what: &str) -> Result<Idx> {
    let err = |m: String| Error::Data(format!("{what}: {m}"));
    if len > MAX_FILE_BYTES {
        return Err(err(format!(
            "the file is {} MB; files up to {} MB are read",
            len >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
    let mut source = source.take(len as u64);
    let mut magic = [0u8; 2];
    let got = fill(&mut source, &mut magic).map_err(|e| err(format!("could not be read ({e})")))?;
    let head = std::io::Cursor::new(magic[..got].to_vec());
    if got == 2 && magic == [0x1f, 0x8b] {
        let gz = flate2::read::GzDecoder::new(head.chain(source));
        let damaged = |e: std::io::Error| err(format!("the gzip data is damaged ({e})"));
        read_idx(gz, None, &err, damaged)
    } else {
        let failed = |e: std::io::Error| err(format!("could not be read ({e})"));
        read_idx(head.chain(source), Some(len), &err, failed)
    }
}

/// Reads as much of `buf` as the source has; the count read.
fn fill(source: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match source.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The header, then exactly the data it promises. `len`: the whole size, when known (not gzip).
fn read_idx(
    mut src: impl Read,
    len: Option<usize>,
    err: &dyn Fn(String) -> Error,
    io: impl Fn(std::io::Error) -> Error,
) -> Result<Idx> {
    let mut start = [0u8; 4];
    let got = fill(&mut src, &mut start).map_err(&io)?;
    if got < 4 {
        return Err(err(format!(
            "only {got} bytes: too short to be an IDX file"
        )));
    }
    if start[0] != 0 || start[1] != 0 {
        return Err(err(
            "not an IDX file (it must start with two zero bytes)".into()
        ));
    }
    if start[2] != 0x08 {
        return Err(err(format!(
            "element type 0x{:02X} is not supported (only 0x08, unsigned bytes)",
            start[2]
        )));
    }
    let ndim = start[3] as usize;
    if ndim == 0 || ndim > 4 {
        return Err(err(format!("{ndim} dimensions is not supported (1 to 4)")));
    }
    let header = 4 + 4 * ndim;
    let mut sizes = [0u8; 16];
    let got = fill(&mut src, &mut sizes[..4 * ndim]).map_err(&io)?;
    if got < 4 * ndim {
        return Err(err(format!(
            "truncated: the header needs {header} bytes, the file has {}",
            4 + got
        )));
    }
    let dims: Vec<usize> = sizes[..4 * ndim]
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let expected = dims
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= MAX_BYTES);
    let Some(expected) = expected else {
        return Err(err(format!(
            "dimensions {dims:?} are too large (at most {} MB of data)",
            MAX_BYTES >> 20
        )));
    };
    if dims[0] > MAX_EXAMPLES {
        return Err(err(format!(
            "{} examples is too many (at most {MAX_EXAMPLES})",
            dims[0]
        )));
    }
    let mut data = Vec::new();
    data.try_reserve_exact(expected)
        .map_err(|_| err(format!("{} MB of memory is not available", expected >> 20)))?;
    (&mut src)
        .take(expected as u64 + 1)
        .read_to_end(&mut data)
        .map_err(&io)?;
    if data.len() < expected {
        return Err(err(format!(
            "truncated: dimensions {dims:?} need {expected} bytes of data, found {}",
            data.len()
        )));
    }
    if data.len() > expected {
        let extra = len.map_or(String::new(), |l| format!("{} ", l - header - expected));
        return Err(err(format!(
            "{extra}unexpected bytes after the data of dimensions {dims:?}"
        )));
    }
    Ok(Idx { dims, data })
}

/// An image classification set from an images file (n × side × side) and a labels file (n).
pub fn image_dataset(images: &[u8], labels: &[u8]) -> Result<Dataset> {
    dataset(parse(images, "images file")?, parse(labels, "labels file")?)
}

/// An image classification set from a parsed images file and labels file.
pub fn dataset(images: Idx, labels: Idx) -> Result<Dataset> {
    let [n, rows, cols] = images.dims[..] else {
        return Err(Error::Data(format!(
            "images file: expected 3 dimensions (count × rows × columns), found {:?}{}",
            images.dims,
            if images.dims.len() == 1 {
                " — is this the labels file?"
            } else {
                ""
            }
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
            if labels.dims.len() == 3 {
                " — is this the images file?"
            } else {
                ""
            }
        )));
    };
    if count != n {
        return Err(Error::Data(format!(
            "{n} images but {count} labels: the files do not belong together"
        )));
    }
    if n == 0 {
        return Err(Error::Data("the files hold no examples".into()));
    }
    let classes = labels.data.iter().copied().max().unwrap_or(0) as usize + 1;
    if classes > MAX_CLASSES {
        return Err(Error::Data(format!(
            "label {} is beyond the {MAX_CLASSES} classes supported",
            classes - 1
        )));
    }
    // At least 10 outputs, so MNIST-like sets with a missing digit still have ten.
    let classes = classes.max(10).min(MAX_CLASSES);
    let mut d = Dataset::new(
        rows * cols,
        classes,
        Inputs::Bytes(images.data),
        Targets::Classes(labels.data),
    )?;
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
            assert_eq!(
                (d.len(), d.input_size, d.output_size, d.image),
                (2, 16, 10, Some((4, 4)))
            );
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
        assert!(
            msg(image_dataset(&img, &encode(&[3], &[1, 2, 3]))).contains("2 images but 3 labels")
        );
        let mut extra = img.clone();
        extra.push(0);
        assert!(msg(image_dataset(&extra, &lab)).contains("unexpected bytes"));
        assert!(msg(image_dataset(
            &encode(&[1, 2, 3], &[0; 6]),
            &encode(&[1], &[0])
        ))
        .contains("square"));
        assert!(msg(image_dataset(
            &encode(&[1, 65, 65], &[0; 65 * 65]),
            &encode(&[1], &[0])
        ))
        .contains("64"));
        assert!(msg(image_dataset(&img, &encode(&[2], &[1, 200]))).contains("100 classes"));
        let broken_gzip = gzip(&img)[..20].to_vec();
        assert!(msg(image_dataset(&broken_gzip, &lab)).contains("gzip"));
        let huge = encode(&[0xFFFF_FFFF, 0xFFFF_FFFF, 2], &[]);
        assert!(msg(image_dataset(&huge, &lab)).contains("too large"));
    }
}
