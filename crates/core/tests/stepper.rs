//! Phase-by-phase training must be the same maths as fast training, just observable.

use neuroglow_core::dataset::xor3;
use neuroglow_core::{Activation, Error, NetConfig, Phase, Stepper, Trainer};

fn stepper(cfg: NetConfig) -> Stepper {
    Stepper::new(Trainer::new(cfg).unwrap(), xor3(), false).unwrap()
}

#[test]
fn one_example_is_seven_visible_phases_in_order() {
    let mut s = stepper(NetConfig::default());
    assert_eq!(s.phase, Phase::Idle);
    let before = s.net().clone();
    let mut seen = vec![];
    for _ in 0..7 {
        s.step_phase().unwrap();
        seen.push(s.phase);
        if s.phase == Phase::Error {
            assert!(s.trainer.trace.loss > 0.0);
            // The source's error: target − output.
            let t = &s.trainer.trace;
            assert!((t.error[0] - (t.target[0] - t.a[2][0])).abs() < 1e-7);
        }
        if s.phase != Phase::Update {
            assert_eq!(
                s.net(),
                &before,
                "weights must not change before the update phase"
            );
        }
    }
    use Phase::*;
    assert_eq!(
        seen,
        vec![
            Present,
            Forward(0),
            Forward(1),
            Error,
            Backward(1),
            Backward(0),
            Update
        ]
    );
    assert_ne!(s.net(), &before);
    assert!(!s.in_progress());
    // The update applied is the one shown: new = old + change.
    let change = &s.trainer.optimizer.change_w[0];
    assert!((&before.layers[0].weights + change - &s.net().layers[0].weights).amax() < 1e-6);
    s.step_phase().unwrap();
    assert_eq!((s.phase, s.example()), (Present, 1));
}

#[test]
fn forward_phases_light_one_layer_at_a_time() {
    let mut s = stepper(NetConfig::default());
    s.step_phase().unwrap();
    assert_eq!(s.trainer.trace.a[0], vec![0.0, 0.0, 1.0]);
    assert!(s.trainer.trace.a[1].iter().all(|&a| a == 0.0));
    s.step_phase().unwrap();
    assert!(s.trainer.trace.a[1].iter().all(|&a| a > 0.0 && a < 1.0));
    assert_eq!(s.trainer.trace.a[2], vec![0.0]);
}

#[test]
fn stepping_phases_equals_training_fast() {
    let mut slow = stepper(NetConfig::default());
    let mut fast = stepper(NetConfig::default());
    for _ in 0..(7 * 7 * 3) {
        slow.step_phase().unwrap();
    }
    // 3 cycles of 7 examples of 7 phases: exactly 3 cycles done.
    assert_eq!(slow.cycle, 3);
    fast.train_cycles(3).unwrap();
    assert_eq!(slow.net(), fast.net());
    assert_eq!(slow.history, fast.history);
    let mut by_example = stepper(NetConfig::default());
    for _ in 0..21 {
        by_example.step_example().unwrap();
    }
    assert_eq!(by_example.net(), fast.net());
    let mut by_cycle = stepper(NetConfig::default());
    by_cycle.step_phase().unwrap();
    by_cycle.step_cycle().unwrap();
    by_cycle.step_cycle().unwrap();
    by_cycle.step_cycle().unwrap();
    assert_eq!(by_cycle.net(), fast.net());
}

#[test]
fn mini_batches_update_once_per_batch() {
    let cfg = NetConfig {
        batch_size: 7,
        ..NetConfig::default()
    };
    let mut s = stepper(cfg.clone());
    let start = s.net().clone();
    for _ in 0..6 {
        s.step_example().unwrap();
        assert_eq!(s.net(), &start, "no update inside a batch");
        assert_ne!(s.phase, Phase::Update);
    }
    s.step_example().unwrap();
    assert_eq!(s.phase, Phase::Update);
    assert_ne!(s.net(), &start);
    let mut fast = stepper(cfg);
    fast.train_cycles(1).unwrap();
    assert_eq!(fast.net(), s.net());
}

#[test]
fn rewinding_to_a_snapshot_replays_the_same_future() {
    let mut s = stepper(NetConfig {
        seed: 5,
        ..NetConfig::default()
    });
    s.train_cycles(100).unwrap();
    let at_100 = s.net().clone();
    let history = s.history.clone();
    let i = s
        .snapshots
        .iter()
        .position(|snap| snap.cycle == 20)
        .unwrap();
    s.restore(i).unwrap();
    assert_eq!(s.cycle, 20);
    assert_eq!(s.phase, Phase::Idle);
    assert_eq!(
        s.history.len(),
        100,
        "history is kept until training continues"
    );
    s.train_cycles(80).unwrap();
    assert_eq!(s.net(), &at_100);
    assert_eq!(s.history, history);
    assert!(s.restore(10_000).is_err());
}

#[test]
fn a_diverging_run_stops_with_an_explanation() {
    let cfg = NetConfig {
        sizes: vec![3, 8, 1],
        activation: Activation::Linear,
        output_activation: Activation::Linear,
        learning_rate: 100.0,
        ..NetConfig::default()
    };
    let mut s = stepper(cfg);
    let err = s.train_cycles(1000).unwrap_err();
    assert!(
        matches!(&err, Error::Diverged(m) if m.contains("learning rate")),
        "{err}"
    );
    assert!(s.diverged.is_some());
    assert!(s.step_phase().is_err(), "a diverged run stays paused");
    s.restore(0).unwrap();
    assert!(s.diverged.is_none());
    s.step_phase().unwrap();
}

#[test]
fn probing_a_new_input_lights_the_network_without_training() {
    let mut s = stepper(NetConfig::default());
    s.train_cycles(10).unwrap();
    let net = s.net().clone();
    s.probe(&[1.0, 1.0, 0.0]).unwrap();
    assert!(s.is_probing());
    s.finish_probe().unwrap();
    assert_eq!(s.phase, Phase::Forward(1));
    let expected = net.predict(&[1.0, 1.0, 0.0]).unwrap();
    assert_eq!(s.trainer.trace.output(), &expected[..]);
    assert_eq!(s.net(), &net);
    assert!(s.probe(&[1.0, 1.0]).is_err());
    assert!(s.probe(&[1.0, f32::NAN, 0.0]).is_err());
    // Training resumes where it was.
    s.step_example().unwrap();
    assert_eq!(s.cycle, 10);
}
