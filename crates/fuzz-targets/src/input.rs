//! Reading a fuzz input as a sequence of small decisions, in a fixed, documented order, so
//! seeds can be written by hand (see `seeds.rs`) and a crash input can be read back.
//! Past the end every read gives 0: short inputs are still valid inputs.

pub struct Input<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Input<'a> {
        Input { data, pos: 0 }
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos = (self.pos + 1).min(self.data.len());
        b
    }

    /// 0..n (n ≤ 256).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!((1..=256).contains(&n));
        self.byte() as usize % n
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    pub fn u64(&mut self) -> u64 {
        (self.u32() as u64) | ((self.u32() as u64) << 32)
    }

    /// Up to `n` bytes (fewer at the end).
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let end = self.pos.saturating_add(n).min(self.data.len());
        let s = &self.data[self.pos..end];
        self.pos = end;
        s
    }

    pub fn rest_is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Everything not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        self.take(usize::MAX)
    }

    /// The unread bytes as an endless stream (zeros when there are none), for filling
    /// weights and examples of any size from a short input.
    pub fn stream(&mut self) -> Stream<'a> {
        Stream {
            data: self.rest(),
            i: 0,
        }
    }
}

pub struct Stream<'a> {
    data: &'a [u8],
    i: usize,
}

impl Stream<'_> {
    pub fn byte(&mut self) -> u8 {
        if self.data.is_empty() {
            return 0;
        }
        let b = self.data[self.i % self.data.len()];
        self.i = self.i.wrapping_add(1);
        b
    }

    /// 0..=1 in 256 steps.
    pub fn unit(&mut self) -> f32 {
        self.byte() as f32 / 255.0
    }

    /// −range..=range.
    pub fn signed(&mut self, range: f32) -> f32 {
        (self.byte() as f32 - 127.5) / 127.5 * range
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_order_and_zeros_past_the_end() {
        let mut i = Input::new(&[1, 2, 3, 4, 5]);
        assert_eq!(i.byte(), 1);
        assert_eq!(i.u16(), 0x0302);
        assert_eq!(i.take(10), &[4, 5]);
        assert_eq!((i.byte(), i.u32(), i.rest()), (0, 0, &[][..]));
        let mut s = Input::new(&[7, 9]).stream();
        assert_eq!([s.byte(), s.byte(), s.byte()], [7, 9, 7]);
        assert_eq!(Input::new(&[]).stream().byte(), 0);
    }
}
