#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| neuroglow_fuzz_targets::strokes::run(data));
