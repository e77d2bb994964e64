//! When to show training: the source's frames (slow at first, then in growing jumps) and
//! which cycles keep a snapshot for rewinding.

/// The cycles at which the source video shows the network.
pub const SOURCE_FRAMES: [u64; 13] = [
    2, 10, 20, 50, 100, 200, 300, 400, 500, 1000, 2500, 12500, 60000,
];

/// The first frame after `cycle`; past the source's last frame, every further 60,000 cycles.
pub fn next_frame(cycle: u64) -> u64 {
    let last = SOURCE_FRAMES[SOURCE_FRAMES.len() - 1];
    SOURCE_FRAMES
        .iter()
        .copied()
        .find(|&f| f > cycle)
        .unwrap_or_else(|| (cycle / last).saturating_add(1).saturating_mul(last))
}

/// Snapshots are dense where training changes fast (early) and sparse later.
pub fn is_snapshot_cycle(cycle: u64) -> bool {
    cycle <= 10
        || SOURCE_FRAMES.contains(&cycle)
        || (cycle <= 1000 && cycle % 50 == 0)
        || (cycle <= 10_000 && cycle % 1000 == 0)
        || cycle % 5000 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_follow_the_source_then_keep_going() {
        assert_eq!(next_frame(0), 2);
        assert_eq!(next_frame(2), 10);
        assert_eq!(next_frame(2499), 2500);
        assert_eq!(next_frame(12500), 60000);
        assert_eq!(next_frame(60000), 120000);
        assert_eq!(next_frame(70000), 120000);
    }

    #[test]
    fn snapshots_are_denser_early() {
        let count = |from: u64, to: u64| (from..to).filter(|&c| is_snapshot_cycle(c)).count();
        assert!(count(0, 100) > count(50_000, 60_000));
        assert!(is_snapshot_cycle(60000) && is_snapshot_cycle(2));
    }
}
