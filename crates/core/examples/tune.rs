use neuroglow_core::{idx, metrics, presets, Stepper, Trainer, NetConfig};
use std::time::Instant;
fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist/");
    let rd = |f: &str| std::fs::read(format!("{dir}{f}")).unwrap();
    let train = idx::image_dataset(&rd("train-images-idx3-ubyte.gz"), &rd("train-labels-idx1-ubyte.gz")).unwrap();
    let test = idx::image_dataset(&rd("t10k-images-idx3-ubyte.gz"), &rd("t10k-labels-idx1-ubyte.gz")).unwrap();
    let args: Vec<String> = std::env::args().collect();
    let name = &args[1];
    let lr: f32 = args[2].parse().unwrap();
    let batch: usize = args[3].parse().unwrap();
    let epochs: u64 = args[4].parse().unwrap();
    let mut cfg = NetConfig { learning_rate: lr, batch_size: batch, ..presets::preset(name, 784, 10).unwrap() };
    if args.len() > 5 { cfg.optimizer = match args[5].as_str() { "adam" => neuroglow_core::OptimizerKind::Adam, "sgd" => neuroglow_core::OptimizerKind::Sgd, _ => cfg.optimizer }; }
    if args.len() > 6 { cfg.momentum = args[6].parse().unwrap(); }
    if args.len() > 7 { cfg.lr_decay = args[7].parse().unwrap(); }
    let mut s = Stepper::new(Trainer::new(cfg.clone()).unwrap(), train, true).unwrap();
    for e in 0..epochs {
        let t = Instant::now();
        s.train_cycles(1).unwrap();
        let dt = t.elapsed().as_secs_f64();
        let ev = metrics::evaluate(s.net(), cfg.loss, &test);
        println!("{name} lr {lr} b {batch} epoch {}: test acc {:.4} loss {:.4} ({:.0} samples/s)", e + 1, ev.accuracy(), ev.mean_loss, 60000.0 / dt);
    }
}
