//! Int8 matrix products for the accurate tier's dense layers, on CPUs with AVX-512 VNNI or
//! AVX2.
//!
//! Owns the quantised copy of one dense layer (weights to int8 with one scale per output;
//! each input row to unsigned 8 bits with its own scale and zero point when multiplied,
//! which keeps the bit a symmetric code wastes on GELU's one-sided outputs) and the
//! product: an AVX-512 VNNI kernel (`vpdpbusd`, 64 multiply-adds an instruction against 16
//! for f32 FMA on the same width), an AVX2 kernel (`vpmaddubsw` for two groups of four
//! inputs, their sum, then one `vpmaddwd`: 64 multiply-adds in three instructions; four
//! products are summed in 16 bits, so its weights keep 6 bits, not 8, and never
//! saturate), and a scalar copy of the same integer arithmetic, which defines what the
//! kernels must compute (tests) and stands in where the CPU lacks both. The dense layers
//! are most of the encoder's time (BENCHMARKS.md, issue #17). It must not decide whether
//! the model uses it (`accurate` does, from `best_kernel`) nor know the model.

use rayon::prelude::*;

/// Rows of the input multiplied per task: their int8 copy stays in the core's L2 while every
/// column block passes over it.
const ROWS_PER_TASK: usize = 96;

/// The vector kernel a CPU can run, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// AVX-512 VNNI: 8-bit weights.
    Vnni,
    /// AVX2: 6-bit weights (four products are summed in 16 bits).
    Avx2,
}

impl Kernel {
    /// The largest weight code: for AVX2 four products, 255 times it four times, must fit
    /// in an i16 (7 bits, whose pairs fit, cost one `vpmaddwd` more per four inputs and
    /// measured the same dev F1: BENCHMARKS.md).
    fn weight_limit(self) -> f32 {
        match self {
            Kernel::Vnni => 127.0,
            Kernel::Avx2 => 31.0,
        }
    }
}

/// The best kernel this CPU can run, if any.
pub fn best_kernel() -> Option<Kernel> {
    if has_vnni() {
        Some(Kernel::Vnni)
    } else if has_avx2() {
        Some(Kernel::Avx2)
    } else {
        None
    }
}

/// True when this CPU can run the AVX2 kernel.
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// One dense layer `y = x W^T + b`, quantised.
pub struct QuantLinear {
    kernel: Kernel,
    inputs: usize,
    outputs: usize,
    /// Groups of four inputs (the unit of `vpdpbusd`), an even number (the AVX2 kernel
    /// takes them in pairs), the last ones padded with zero weights.
    quads: usize,
    /// Weights by 16-output block, then by group of four inputs, then output, then input:
    /// one 64-byte load gives four inputs of sixteen outputs.
    packed: Vec<i8>,
    /// Per output: weight scale, the sum of its int8 weights (times a row's zero point, what
    /// the row's offset codes add to the product), bias.
    scales: Vec<f32>,
    sums: Vec<i32>,
    bias: Vec<f32>,
}

impl QuantLinear {
    /// `weight` is `outputs x inputs`, row-major (as stored by PyTorch and candle), coded
    /// for `kernel`. `None` when the outputs are not a multiple of 32 (the VNNI kernel's
    /// column block).
    pub fn new(
        weight: &[f32],
        bias: &[f32],
        outputs: usize,
        inputs: usize,
        kernel: Kernel,
    ) -> Option<Self> {
        if outputs == 0 || !outputs.is_multiple_of(32) || weight.len() != outputs * inputs {
            return None;
        }
        if bias.len() != outputs {
            return None;
        }
        let quads = inputs.div_ceil(8) * 2;
        let mut packed = vec![0i8; outputs * quads * 4];
        let mut scales = Vec::with_capacity(outputs);
        let mut sums = Vec::with_capacity(outputs);
        let limit = kernel.weight_limit();
        for (out, row) in weight.chunks_exact(inputs).enumerate() {
            let most = row.iter().fold(0f32, |m, w| m.max(w.abs()));
            let scale = if most > 0.0 { most / limit } else { 1.0 };
            let mut sum = 0i32;
            for (input, w) in row.iter().enumerate() {
                let q = (w / scale).round().clamp(-limit, limit) as i8;
                sum += q as i32;
                let (block, column) = (out / 16, out % 16);
                let (quad, lane) = (input / 4, input % 4);
                packed[((block * quads + quad) * 16 + column) * 4 + lane] = q;
            }
            scales.push(scale);
            sums.push(sum);
        }
        Some(QuantLinear {
            kernel,
            inputs,
            outputs,
            quads,
            packed,
            scales,
            sums,
            bias: bias.to_vec(),
        })
    }

    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// `x` (`rows x inputs`, row-major) times the layer, into a new `rows x outputs` vector;
    /// row tasks spread over rayon's threads. The layer's kernel where the CPU has it.
    pub fn forward(&self, x: &[f32]) -> Vec<f32> {
        self.forward_with(x, true)
    }

    /// `forward`, with the kernel only when `kernel` asks for it and the CPU has it.
    fn forward_with(&self, x: &[f32], kernel: bool) -> Vec<f32> {
        let runs = match self.kernel {
            Kernel::Vnni => has_vnni(),
            Kernel::Avx2 => has_avx2(),
        };
        let kernel = (kernel && runs).then_some(self.kernel);
        let rows = x.len() / self.inputs.max(1);
        let mut out = vec![0f32; rows * self.outputs];
        out.par_chunks_mut(ROWS_PER_TASK * self.outputs)
            .zip(x.par_chunks(ROWS_PER_TASK * self.inputs))
            .for_each(|(out, x)| {
                let (mut codes, mut rows) = self.buffers(x);
                #[cfg(target_arch = "x86_64")]
                match kernel {
                    Some(Kernel::Vnni) => {
                        // SAFETY: `has_vnni` found AVX-512F and AVX-512 VNNI on this CPU.
                        self.quantise(x, &mut codes, &mut rows, |row, code| unsafe {
                            vnni::quantise_row(row, code)
                        });
                        // SAFETY: as above.
                        unsafe { vnni::product(self, &codes, &rows, out) };
                        return;
                    }
                    Some(Kernel::Avx2) => {
                        // SAFETY: `has_avx2` found AVX2 on this CPU.
                        self.quantise(x, &mut codes, &mut rows, |row, code| unsafe {
                            avx2::quantise_row(row, code)
                        });
                        // SAFETY: as above.
                        unsafe { avx2::product(self, &codes, &rows, out) };
                        return;
                    }
                    None => {}
                }
                let _ = kernel;
                self.quantise(x, &mut codes, &mut rows, quantise_row);
                self.product_scalar(&codes, &rows, out);
            });
        out
    }

    /// Room for `x`'s rows as codes (the padding's codes meet zero weights) and their
    /// quantisations.
    fn buffers(&self, x: &[f32]) -> (Vec<u8>, Vec<RowQuant>) {
        let rows = x.len() / self.inputs;
        (
            vec![0u8; rows * self.quads * 4],
            vec![RowQuant::default(); rows],
        )
    }

    /// Every row of `x` coded into `codes` by `quantise_row`, its quantisation into `rows`.
    fn quantise(
        &self,
        x: &[f32],
        codes: &mut [u8],
        rows: &mut [RowQuant],
        quantise_row: impl Fn(&[f32], &mut [u8]) -> RowQuant,
    ) {
        for ((row, code), quant) in x
            .chunks_exact(self.inputs)
            .zip(codes.chunks_exact_mut(self.quads * 4))
            .zip(rows)
        {
            *quant = quantise_row(row, code);
        }
    }

    /// The exact integer arithmetic the kernel performs, one output at a time.
    fn product_scalar(&self, codes: &[u8], rows: &[RowQuant], out: &mut [f32]) {
        let width = self.quads * 4;
        for (r, (code, quant)) in codes.chunks_exact(width).zip(rows).enumerate() {
            for o in 0..self.outputs {
                let (block, column) = (o / 16, o % 16);
                let mut acc = 0i32;
                for quad in 0..self.quads {
                    for lane in 0..4 {
                        let w = self.packed[((block * self.quads + quad) * 16 + column) * 4 + lane];
                        acc += code[quad * 4 + lane] as i32 * w as i32;
                    }
                }
                let dot = (acc - quant.zero * self.sums[o]) as f32;
                out[r * self.outputs + o] = dot * (quant.scale * self.scales[o]) + self.bias[o];
            }
        }
    }
}

/// How one input row was coded: `x ~ scale * (code - zero)`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct RowQuant {
    scale: f32,
    zero: i32,
}

impl RowQuant {
    /// The code's range `0..=255` spans the row's values and zero (so zero is exact).
    fn spanning(least: f32, most: f32) -> RowQuant {
        let (least, most) = (least.min(0.0), most.max(0.0));
        let scale = if most > least {
            (most - least) / 255.0
        } else {
            1.0
        };
        let zero = (-least / scale).round_ties_even().clamp(0.0, 255.0) as i32;
        RowQuant { scale, zero }
    }
}

/// One row as unsigned bytes, `round(x / scale) + zero` (ties to even, as the vector
/// conversion rounds), into the front of `code`.
fn quantise_row(row: &[f32], code: &mut [u8]) -> RowQuant {
    let (least, most) = row
        .iter()
        .fold((0f32, 0f32), |(l, m), &v| (l.min(v), m.max(v)));
    let quant = RowQuant::spanning(least, most);
    let inverse = 1.0 / quant.scale;
    for (c, v) in code.iter_mut().zip(row) {
        *c = code_of(v * inverse, quant.zero);
    }
    quant
}

fn code_of(scaled: f32, zero: i32) -> u8 {
    (scaled.round_ties_even() as i32 + zero).clamp(0, 255) as u8
}

/// True when this CPU can run the VNNI kernel.
pub fn has_vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use super::{QuantLinear, RowQuant};
    use std::arch::x86_64::*;

    /// Rows multiplied together: six rows by two 16-output blocks keep twelve accumulators
    /// in registers.
    const ROWS: usize = 6;

    /// `super::quantise_row` with sixteen lanes.
    #[target_feature(enable = "avx512f")]
    pub(super) fn quantise_row(row: &[f32], code: &mut [u8]) -> RowQuant {
        let full = row.len() - row.len() % 16;
        let (mut least, mut most) = (_mm512_setzero_ps(), _mm512_setzero_ps());
        for at in (0..full).step_by(16) {
            // SAFETY: `at + 16 <= full <= row.len()`.
            let v = unsafe { _mm512_loadu_ps(row.as_ptr().add(at)) };
            least = _mm512_min_ps(least, v);
            most = _mm512_max_ps(most, v);
        }
        let (least, most) = row[full..].iter().fold(
            (_mm512_reduce_min_ps(least), _mm512_reduce_max_ps(most)),
            |(l, m), &v| (l.min(v), m.max(v)),
        );
        let quant = RowQuant::spanning(least, most);
        let inverse = _mm512_set1_ps(1.0 / quant.scale);
        let zero = _mm512_set1_epi32(quant.zero);
        assert!(code.len() >= row.len());
        for at in (0..full).step_by(16) {
            // SAFETY: as above; `code` is at least as long as `row`.
            unsafe {
                let v = _mm512_mul_ps(_mm512_loadu_ps(row.as_ptr().add(at)), inverse);
                // Rounds to nearest, ties to even (the default rounding mode).
                let q = _mm512_add_epi32(_mm512_cvtps_epi32(v), zero);
                let q = _mm512_min_epi32(
                    _mm512_max_epi32(q, _mm512_setzero_si512()),
                    _mm512_set1_epi32(255),
                );
                let bytes = _mm512_cvtepi32_epi8(q);
                _mm_storeu_si128(code.as_mut_ptr().add(at) as *mut __m128i, bytes);
            }
        }
        let inverse = 1.0 / quant.scale;
        for (c, v) in code[full..].iter_mut().zip(&row[full..]) {
            *c = super::code_of(v * inverse, quant.zero);
        }
        quant
    }

    /// `codes` (rows of `quads * 4` bytes) times the layer into `out` (rows x outputs).
    #[target_feature(enable = "avx512f,avx512vnni")]
    pub(super) fn product(layer: &QuantLinear, codes: &[u8], quants: &[RowQuant], out: &mut [f32]) {
        let rows = quants.len();
        assert!(codes.len() >= rows * layer.quads * 4 && out.len() >= rows * layer.outputs);
        for pair in 0..layer.outputs / 32 {
            let mut row = 0;
            while row + ROWS <= rows {
                // SAFETY: rows `row..row + ROWS` exist in `codes`, `quants` and `out`
                // (asserted above); `pair` is a whole pair of blocks of `packed`.
                unsafe { rows_by_pair::<ROWS>(layer, codes, quants, out, row, pair) };
                row += ROWS;
            }
            while row < rows {
                // SAFETY: as above, for one row.
                unsafe { rows_by_pair::<1>(layer, codes, quants, out, row, pair) };
                row += 1;
            }
        }
    }

    /// Rows `row..row + R` times output blocks `2 pair` and `2 pair + 1`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512vnni")]
    unsafe fn rows_by_pair<const R: usize>(
        layer: &QuantLinear,
        codes: &[u8],
        quants: &[RowQuant],
        out: &mut [f32],
        row: usize,
        pair: usize,
    ) {
        // SAFETY: the caller's promise (rows `row..row + R` and the pair of blocks exist);
        // every pointer below stays inside `packed`, `codes`, the per-output vectors or `out`.
        unsafe {
            let quads = layer.quads;
            let width = quads * 4;
            let block = |b: usize| layer.packed.as_ptr().add(b * quads * 64);
            let (w0, w1) = (block(2 * pair), block(2 * pair + 1));
            let mut acc = [[_mm512_setzero_si512(); 2]; R];
            for quad in 0..quads {
                let b0 = _mm512_loadu_si512(w0.add(quad * 64) as *const _);
                let b1 = _mm512_loadu_si512(w1.add(quad * 64) as *const _);
                for (r, acc) in acc.iter_mut().enumerate() {
                    let at = codes.as_ptr().add((row + r) * width + quad * 4);
                    let x = _mm512_set1_epi32((at as *const i32).read_unaligned());
                    acc[0] = _mm512_dpbusd_epi32(acc[0], x, b0);
                    acc[1] = _mm512_dpbusd_epi32(acc[1], x, b1);
                }
            }
            for (r, acc) in acc.iter().enumerate() {
                let quant = quants[row + r];
                let row_scale = _mm512_set1_ps(quant.scale);
                let zero = _mm512_set1_epi32(quant.zero);
                for (half, acc) in acc.iter().enumerate() {
                    let o = (2 * pair + half) * 16;
                    let sums = _mm512_loadu_si512(layer.sums.as_ptr().add(o) as *const _);
                    let offset = _mm512_mullo_epi32(zero, sums);
                    let dot = _mm512_cvtepi32_ps(_mm512_sub_epi32(*acc, offset));
                    let scale =
                        _mm512_mul_ps(row_scale, _mm512_loadu_ps(layer.scales.as_ptr().add(o)));
                    let y =
                        _mm512_fmadd_ps(dot, scale, _mm512_loadu_ps(layer.bias.as_ptr().add(o)));
                    _mm512_storeu_ps(out.as_mut_ptr().add((row + r) * layer.outputs + o), y);
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{QuantLinear, RowQuant};
    use std::arch::x86_64::*;

    /// Rows multiplied together: four rows by one 16-output block keep eight accumulators
    /// in registers, of sixteen.
    const ROWS: usize = 4;

    /// `super::quantise_row` with eight lanes (the scalar one calls `rintf` per value and
    /// took longer than the product).
    #[target_feature(enable = "avx2")]
    pub(super) fn quantise_row(row: &[f32], code: &mut [u8]) -> RowQuant {
        let full = row.len() - row.len() % 32;
        let (mut least, mut most) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        for at in (0..row.len() - row.len() % 8).step_by(8) {
            // SAFETY: `at + 8 <= row.len()`.
            let v = unsafe { _mm256_loadu_ps(row.as_ptr().add(at)) };
            least = _mm256_min_ps(least, v);
            most = _mm256_max_ps(most, v);
        }
        let lanes = |v: __m256| {
            let mut out = [0f32; 8];
            // SAFETY: `out` holds eight floats.
            unsafe { _mm256_storeu_ps(out.as_mut_ptr(), v) };
            out
        };
        let least = lanes(least).into_iter().fold(0f32, f32::min);
        let most = lanes(most).into_iter().fold(0f32, f32::max);
        let (least, most) = row[row.len() - row.len() % 8..]
            .iter()
            .fold((least, most), |(l, m), &v| (l.min(v), m.max(v)));
        let quant = RowQuant::spanning(least, most);
        let inverse = _mm256_set1_ps(1.0 / quant.scale);
        let zero = _mm256_set1_epi32(quant.zero);
        let (low, high) = (_mm256_setzero_si256(), _mm256_set1_epi32(255));
        // Codes of eight values as i32, rounded to nearest, ties to even (the default
        // rounding mode), offset and clamped to 0..=255.
        let codes = |at: usize| {
            // SAFETY: the callers' `at + 8 <= full <= row.len()`.
            let v = unsafe { _mm256_loadu_ps(row.as_ptr().add(at)) };
            let q = _mm256_add_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(v, inverse)), zero);
            _mm256_min_epi32(_mm256_max_epi32(q, low), high)
        };
        assert!(code.len() >= row.len());
        // Packing works within 128-bit lanes: the permutation puts the bytes back in order.
        let order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
        for at in (0..full).step_by(32) {
            let (a, b, c, d) = (codes(at), codes(at + 8), codes(at + 16), codes(at + 24));
            let bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
            let bytes = _mm256_permutevar8x32_epi32(bytes, order);
            // SAFETY: `at + 32 <= full <= code.len()`.
            unsafe { _mm256_storeu_si256(code.as_mut_ptr().add(at) as *mut __m256i, bytes) };
        }
        let inverse = 1.0 / quant.scale;
        for (c, v) in code[full..row.len()].iter_mut().zip(&row[full..]) {
            *c = super::code_of(v * inverse, quant.zero);
        }
        quant
    }

    /// `codes` (rows of `quads * 4` bytes) times the layer into `out` (rows x outputs).
    #[target_feature(enable = "avx2")]
    pub(super) fn product(layer: &QuantLinear, codes: &[u8], quants: &[RowQuant], out: &mut [f32]) {
        let rows = quants.len();
        assert!(codes.len() >= rows * layer.quads * 4 && out.len() >= rows * layer.outputs);
        for block in 0..layer.outputs / 16 {
            let mut row = 0;
            while row + ROWS <= rows {
                // SAFETY: rows `row..row + ROWS` exist in `codes`, `quants` and `out`
                // (asserted above); `block` is a whole block of `packed`.
                unsafe { rows_by_block::<ROWS>(layer, codes, quants, out, row, block) };
                row += ROWS;
            }
            while row < rows {
                // SAFETY: as above, for one row.
                unsafe { rows_by_block::<1>(layer, codes, quants, out, row, block) };
                row += 1;
            }
        }
    }

    /// Rows `row..row + R` times the 16 outputs of block `block`: per group of four inputs,
    /// `vpmaddubsw` multiplies the row's four codes with the block's 64 weights and adds
    /// neighbouring pairs in 16 bits; two groups' pairs are added (at most 4 x 255 x 31,
    /// no saturation) and `vpmaddwd` against ones adds them into 32 bits: two four-input
    /// dots of `vpdpbusd`.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn rows_by_block<const R: usize>(
        layer: &QuantLinear,
        codes: &[u8],
        quants: &[RowQuant],
        out: &mut [f32],
        row: usize,
        block: usize,
    ) {
        // SAFETY: the caller's promise (rows `row..row + R` and the block exist); every
        // pointer below stays inside `packed`, `codes`, the per-output vectors or `out`.
        unsafe {
            let quads = layer.quads;
            let width = quads * 4;
            let weights = layer.packed.as_ptr().add(block * quads * 64);
            let ones = _mm256_set1_epi16(1);
            let mut acc = [[_mm256_setzero_si256(); 2]; R];
            for quad in (0..quads).step_by(2) {
                let w = weights.add(quad * 64);
                let lo0 = _mm256_loadu_si256(w as *const __m256i);
                let hi0 = _mm256_loadu_si256(w.add(32) as *const __m256i);
                let lo1 = _mm256_loadu_si256(w.add(64) as *const __m256i);
                let hi1 = _mm256_loadu_si256(w.add(96) as *const __m256i);
                for (r, acc) in acc.iter_mut().enumerate() {
                    let at = codes.as_ptr().add((row + r) * width + quad * 4);
                    let x0 = _mm256_set1_epi32((at as *const i32).read_unaligned());
                    let x1 = _mm256_set1_epi32((at.add(4) as *const i32).read_unaligned());
                    let lo = _mm256_add_epi16(
                        _mm256_maddubs_epi16(x0, lo0),
                        _mm256_maddubs_epi16(x1, lo1),
                    );
                    let hi = _mm256_add_epi16(
                        _mm256_maddubs_epi16(x0, hi0),
                        _mm256_maddubs_epi16(x1, hi1),
                    );
                    acc[0] = _mm256_add_epi32(acc[0], _mm256_madd_epi16(lo, ones));
                    acc[1] = _mm256_add_epi32(acc[1], _mm256_madd_epi16(hi, ones));
                }
            }
            for (r, acc) in acc.iter().enumerate() {
                let quant = quants[row + r];
                let row_scale = _mm256_set1_ps(quant.scale);
                let zero = _mm256_set1_epi32(quant.zero);
                for (half, acc) in acc.iter().enumerate() {
                    let o = block * 16 + half * 8;
                    let sums = _mm256_loadu_si256(layer.sums.as_ptr().add(o) as *const __m256i);
                    let offset = _mm256_mullo_epi32(zero, sums);
                    let dot = _mm256_cvtepi32_ps(_mm256_sub_epi32(*acc, offset));
                    let scale =
                        _mm256_mul_ps(row_scale, _mm256_loadu_ps(layer.scales.as_ptr().add(o)));
                    let bias = _mm256_loadu_ps(layer.bias.as_ptr().add(o));
                    let y = _mm256_add_ps(_mm256_mul_ps(dot, scale), bias);
                    _mm256_storeu_ps(out.as_mut_ptr().add((row + r) * layer.outputs + o), y);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(outputs: usize, inputs: usize) -> (Vec<f32>, Vec<f32>) {
        let weight = (0..outputs * inputs)
            .map(|i| (((i * 7919) % 2001) as f32 - 1000.0) / 3000.0)
            .collect();
        let bias = (0..outputs).map(|o| o as f32 / 100.0 - 0.2).collect();
        (weight, bias)
    }

    fn input(rows: usize, inputs: usize) -> Vec<f32> {
        (0..rows * inputs)
            .map(|i| (((i * 104_729) % 1999) as f32 - 999.0) / 250.0)
            .collect()
    }

    /// The quantised product stays close to the f32 one: within 2% of the output's range
    /// with 8-bit weights, 4% with the AVX2 kernel's 6-bit ones.
    #[test]
    fn the_int8_product_approximates_the_f32_one() {
        let (outputs, inputs, rows) = (64, 70, 13);
        let (weight, bias) = layer(outputs, inputs);
        for (kernel, tolerance) in [(Kernel::Vnni, 0.02), (Kernel::Avx2, 0.04)] {
            let q = QuantLinear::new(&weight, &bias, outputs, inputs, kernel)
                .expect("a multiple of 32");
            let x = input(rows, inputs);
            let got = q.forward_with(&x, false);
            let shape = (outputs, inputs, rows);
            close_to_f32(&got, &x, (&weight, &bias), shape, tolerance);
        }
    }

    fn close_to_f32(
        got: &[f32],
        x: &[f32],
        (weight, bias): (&[f32], &[f32]),
        (outputs, inputs, rows): (usize, usize, usize),
        tolerance: f32,
    ) {
        let mut worst = 0f32;
        let mut range = 0f32;
        for r in 0..rows {
            for o in 0..outputs {
                let want: f32 = (0..inputs)
                    .map(|i| x[r * inputs + i] * weight[o * inputs + i])
                    .sum::<f32>()
                    + bias[o];
                worst = worst.max((got[r * outputs + o] - want).abs());
                range = range.max(want.abs());
            }
        }
        assert!(worst < tolerance * range, "worst error {worst} of {range}");
    }

    /// The VNNI kernel computes exactly the scalar integer arithmetic (up to the float
    /// epilogue's rounding), for row counts that are and are not multiples of its block.
    #[test]
    fn the_vnni_kernel_equals_the_scalar_arithmetic() {
        if !has_vnni() {
            eprintln!("no AVX-512 VNNI on this CPU: the kernel is not used here");
            return;
        }
        for (outputs, inputs, rows) in [(32, 4, 1), (64, 70, 13), (384, 384, 200), (96, 1536, 7)] {
            let (weight, bias) = layer(outputs, inputs);
            let q = QuantLinear::new(&weight, &bias, outputs, inputs, Kernel::Vnni)
                .expect("a multiple of 32");
            let x = input(rows, inputs);
            for row in x.chunks_exact(inputs) {
                let (mut fast, mut slow) = (vec![0u8; inputs], vec![0u8; inputs]);
                // SAFETY: `has_vnni` checked the CPU.
                let fast_scale = unsafe { vnni::quantise_row(row, &mut fast) };
                assert_eq!(fast_scale, quantise_row(row, &mut slow));
                assert_eq!(fast, slow);
            }
            let (fast, slow) = (q.forward(&x), q.forward_with(&x, false));
            for (f, s) in fast.iter().zip(&slow) {
                assert!((f - s).abs() <= 1e-4 * s.abs().max(1.0), "{f} vs {s}");
            }
        }
    }

    /// The AVX2 kernel computes exactly the scalar integer arithmetic with 6-bit weights
    /// (no four products saturate their 16-bit sums), also for the largest codes.
    #[test]
    fn the_avx2_kernel_equals_the_scalar_arithmetic() {
        if !has_avx2() {
            eprintln!("no AVX2 on this CPU: the kernel is not used here");
            return;
        }
        for (outputs, inputs, rows) in [(32, 4, 1), (64, 70, 13), (384, 384, 200), (96, 1536, 7)] {
            let (weight, bias) = layer(outputs, inputs);
            let q = QuantLinear::new(&weight, &bias, outputs, inputs, Kernel::Avx2)
                .expect("a multiple of 32");
            let x = input(rows, inputs);
            for row in x.chunks_exact(inputs) {
                let (mut fast, mut slow) = (vec![0u8; inputs], vec![0u8; inputs]);
                // SAFETY: `has_avx2` checked the CPU.
                let fast_scale = unsafe { avx2::quantise_row(row, &mut fast) };
                assert_eq!(fast_scale, quantise_row(row, &mut slow));
                assert_eq!(fast, slow);
            }
            // Rows that code to 0 and 255 against weights of +-31.
            let mut x = x;
            x[..inputs]
                .iter_mut()
                .enumerate()
                .for_each(|(i, v)| *v = if i % 2 == 0 { 5.0 } else { -5.0 });
            let (fast, slow) = (q.forward(&x), q.forward_with(&x, false));
            for (f, s) in fast.iter().zip(&slow) {
                assert!((f - s).abs() <= 1e-4 * s.abs().max(1.0), "{f} vs {s}");
            }
        }
    }

    #[test]
    fn refuses_shapes_the_kernel_cannot_take() {
        for kernel in [Kernel::Vnni, Kernel::Avx2] {
            assert!(QuantLinear::new(&[0.0; 9 * 16], &[0.0; 9], 9, 16, kernel).is_none());
            assert!(QuantLinear::new(&[0.0; 32 * 4], &[0.0; 31], 32, 4, kernel).is_none());
        }
    }
}
