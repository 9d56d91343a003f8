//! Element-wise kernels of the accurate tier's forward pass: GELU, the masked attention
//! softmax and the residual sum with its layer norm, in place and vectorised.
//!
//! candle runs these through libm's scalar `erff` and `expf`, which took about a fifth of
//! the encoder's time (perf, see BENCHMARKS.md); here they use polynomial approximations
//! accurate to about 1e-7 that the compiler vectorises, with an AVX2+FMA copy chosen at run
//! time. Owns only arithmetic on contiguous f32 tensors; knows nothing of the model.

use candle_core::{CpuStorage, InplaceOp1, InplaceOp2, Layout, Result};
use rayon::prelude::*;

/// GELU with the exact (erf) form, applied in place: `x * (1 + erf(x / sqrt 2)) / 2`.
pub struct Gelu;

/// Softmax over the last dimension of attention scores `(batch, heads, len, len)` after
/// adding each window's key mask `(batch, len)` (0 for a piece, a large negative number for
/// padding), in place.
pub struct MaskedSoftmax;

/// A layer's output plus its input (the residual), then layer norm over the last dimension,
/// written over the output: candle's `x + y` and `LayerNorm` were two passes and two
/// allocations, its norm scalar code (perf, BENCHMARKS.md).
pub struct ResidualNorm {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub eps: f32,
}

/// Rows normed per rayon task.
const NORM_ROWS_PER_TASK: usize = 32;

impl InplaceOp2 for ResidualNorm {
    fn name(&self) -> &'static str {
        "residual-layer-norm-fast"
    }

    fn cpu_fwd(
        &self,
        output: &mut CpuStorage,
        output_layout: &Layout,
        residual: &CpuStorage,
        residual_layout: &Layout,
    ) -> Result<()> {
        let residual = contiguous_input(residual, residual_layout, "the residual")?;
        let output = contiguous(output, output_layout)?;
        let width = self.weight.len();
        if width == 0
            || self.bias.len() != width
            || output.len() != residual.len()
            || !output.len().is_multiple_of(width)
        {
            candle_core::bail!("the residual and the norm do not match the output");
        }
        output
            .par_chunks_mut(width * NORM_ROWS_PER_TASK)
            .zip(residual.par_chunks(width * NORM_ROWS_PER_TASK))
            .for_each(|(output, residual)| {
                for (row, residual) in output
                    .chunks_exact_mut(width)
                    .zip(residual.chunks_exact(width))
                {
                    self.row(row, residual);
                }
            });
        Ok(())
    }
}

impl ResidualNorm {
    fn row(&self, row: &mut [f32], residual: &[f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: as in `gelu`.
            unsafe { avx2::residual_norm_row(row, residual, self) };
            return;
        }
        residual_norm_row_portable(row, residual, self);
    }
}

/// A kernel's second, read-only input (`what` names it in the error) as a contiguous f32
/// slice.
fn contiguous_input<'a>(storage: &'a CpuStorage, layout: &Layout, what: &str) -> Result<&'a [f32]> {
    match (storage, layout.contiguous_offsets()) {
        (CpuStorage::F32(values), Some((from, to))) => Ok(&values[from..to]),
        _ => candle_core::bail!("{what} must be contiguous f32"),
    }
}

fn contiguous<'a>(storage: &'a mut CpuStorage, layout: &Layout) -> Result<&'a mut [f32]> {
    let (from, to) = layout
        .contiguous_offsets()
        .ok_or_else(|| candle_core::Error::Msg("kernel input is not contiguous".into()))?;
    match storage {
        CpuStorage::F32(values) => Ok(&mut values[from..to]),
        _ => candle_core::bail!("kernel input is not f32"),
    }
}

impl InplaceOp1 for Gelu {
    fn name(&self) -> &'static str {
        "gelu-erf-fast"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> Result<()> {
        gelu(contiguous(storage, layout)?);
        Ok(())
    }
}

impl InplaceOp2 for MaskedSoftmax {
    fn name(&self) -> &'static str {
        "masked-softmax-fast"
    }

    fn cpu_fwd(
        &self,
        scores: &mut CpuStorage,
        scores_layout: &Layout,
        mask: &CpuStorage,
        mask_layout: &Layout,
    ) -> Result<()> {
        let dims = scores_layout.dims();
        let [batch, heads, rows, len] = *dims else {
            candle_core::bail!("attention scores must have four dimensions");
        };
        let mask = contiguous_input(mask, mask_layout, "the attention mask")?;
        if mask.len() != batch * len {
            candle_core::bail!("the attention mask does not match the scores");
        }
        let scores = contiguous(scores, scores_layout)?;
        for (b, block) in scores.chunks_exact_mut(heads * rows * len).enumerate() {
            let mask = &mask[b * len..(b + 1) * len];
            for row in block.chunks_exact_mut(len) {
                softmax_row(row, mask);
            }
        }
        Ok(())
    }
}

/// GELU over a slice, with the AVX2+FMA build of the loop when the CPU has it.
pub fn gelu(values: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports the features the copy was compiled for (checked above).
        unsafe { avx2::gelu(values) };
        return;
    }
    gelu_portable(values);
}

/// `row + mask`, then softmax, in place.
pub fn softmax_row(row: &mut [f32], mask: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: as in `gelu`.
        unsafe { avx2::softmax_row(row, mask) };
        return;
    }
    softmax_row_portable(row, mask);
}

/// The AVX2+FMA kernels, written with intrinsics: the portable loops compiled under
/// `target_feature` kept their lanes on the stack and called iterator adapters per chunk
/// (perf annotate), at 5-7 ns an element; these take a fraction of a nanosecond.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    /// `exp` of eight lanes: the same method and constants as the portable `super::exp`,
    /// with fused multiply-adds.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn exp8(x: __m256) -> __m256 {
        const ROUND: f32 = 12_582_912.0;
        let x = _mm256_min_ps(
            _mm256_max_ps(x, _mm256_set1_ps(-87.0)),
            _mm256_set1_ps(88.0),
        );
        let t = _mm256_fmadd_ps(
            x,
            _mm256_set1_ps(std::f32::consts::LOG2_E),
            _mm256_set1_ps(ROUND),
        );
        let n = _mm256_sub_ps(t, _mm256_set1_ps(ROUND));
        let exponent = _mm256_add_epi32(
            _mm256_sub_epi32(
                _mm256_castps_si256(t),
                _mm256_set1_epi32(ROUND.to_bits() as i32),
            ),
            _mm256_set1_epi32(127),
        );
        let two_to_n = _mm256_castsi256_ps(_mm256_slli_epi32::<23>(exponent));
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693_145_75), x);
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428_606_8e-6), r);
        let mut p = _mm256_set1_ps(1.0 / 720.0);
        for c in [1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0] {
            p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(c));
        }
        _mm256_mul_ps(p, two_to_n)
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn horizontal(v: __m256, op: fn(f32, f32) -> f32) -> f32 {
        let mut lanes = [0f32; 8];
        // SAFETY: `lanes` holds exactly eight f32.
        unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), v) };
        lanes[1..].iter().fold(lanes[0], |a, &b| op(a, b))
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn gelu(values: &mut [f32]) {
        let mut chunks = values.chunks_exact_mut(8);
        let sign = _mm256_set1_ps(-0.0);
        let one = _mm256_set1_ps(1.0);
        for chunk in &mut chunks {
            // SAFETY: `chunk` holds exactly eight f32.
            let x = unsafe { _mm256_loadu_ps(chunk.as_ptr()) };
            let z = _mm256_mul_ps(x, _mm256_set1_ps(std::f32::consts::FRAC_1_SQRT_2));
            // erf(z) as in `super::erf`.
            let a = _mm256_andnot_ps(sign, z);
            let t = _mm256_div_ps(one, _mm256_fmadd_ps(a, _mm256_set1_ps(0.327_591_1), one));
            let mut poly = _mm256_set1_ps(1.061_405_4);
            for c in [-1.453_152_1, 1.421_413_8, -0.284_496_74, 0.254_829_6] {
                poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(c));
            }
            poly = _mm256_mul_ps(poly, t);
            let e = exp8(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a)));
            let y = _mm256_fnmadd_ps(poly, e, one);
            let erf = _mm256_or_ps(_mm256_and_ps(z, sign), y);
            let half_x = _mm256_mul_ps(x, _mm256_set1_ps(0.5));
            let out = _mm256_fmadd_ps(half_x, erf, half_x);
            // SAFETY: as above.
            unsafe { _mm256_storeu_ps(chunk.as_mut_ptr(), out) };
        }
        super::gelu_portable(chunks.into_remainder());
    }

    /// `super::residual_norm_row_portable` with eight lanes; the mean first, then the
    /// variance around it (as the portable one).
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn residual_norm_row(row: &mut [f32], residual: &[f32], norm: &super::ResidualNorm) {
        let n = row.len();
        assert!(residual.len() == n && norm.weight.len() == n && norm.bias.len() == n);
        let full = n - n % 8;
        let mut sums = _mm256_setzero_ps();
        for at in (0..full).step_by(8) {
            // SAFETY: `at + 8 <= full <= n`, the length of every slice (asserted).
            unsafe {
                let v = _mm256_add_ps(
                    _mm256_loadu_ps(row.as_ptr().add(at)),
                    _mm256_loadu_ps(residual.as_ptr().add(at)),
                );
                _mm256_storeu_ps(row.as_mut_ptr().add(at), v);
                sums = _mm256_add_ps(sums, v);
            }
        }
        let mut sum = horizontal(sums, |a, b| a + b);
        for (v, r) in row[full..].iter_mut().zip(&residual[full..]) {
            *v += r;
            sum += *v;
        }
        let mean = sum / n as f32;
        let mean8 = _mm256_set1_ps(mean);
        let mut squares = _mm256_setzero_ps();
        for at in (0..full).step_by(8) {
            // SAFETY: as above.
            let d = _mm256_sub_ps(unsafe { _mm256_loadu_ps(row.as_ptr().add(at)) }, mean8);
            squares = _mm256_fmadd_ps(d, d, squares);
        }
        let mut square = horizontal(squares, |a, b| a + b);
        for v in &row[full..] {
            square += (v - mean) * (v - mean);
        }
        let inverse = 1.0 / (square / n as f32 + norm.eps).sqrt();
        let inverse8 = _mm256_set1_ps(inverse);
        for at in (0..full).step_by(8) {
            // SAFETY: as above.
            unsafe {
                let d = _mm256_sub_ps(_mm256_loadu_ps(row.as_ptr().add(at)), mean8);
                let scale = _mm256_mul_ps(_mm256_loadu_ps(norm.weight.as_ptr().add(at)), inverse8);
                let y = _mm256_fmadd_ps(d, scale, _mm256_loadu_ps(norm.bias.as_ptr().add(at)));
                _mm256_storeu_ps(row.as_mut_ptr().add(at), y);
            }
        }
        let tail = row[full..].iter_mut().zip(&norm.weight[full..]);
        for ((v, w), b) in tail.zip(&norm.bias[full..]) {
            *v = (*v - mean) * (w * inverse) + b;
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn softmax_row(row: &mut [f32], mask: &[f32]) {
        let n = row.len().min(mask.len());
        let (row, mask) = (&mut row[..n], &mask[..n]);
        let full = n - n % 8;
        let mut most = _mm256_set1_ps(f32::NEG_INFINITY);
        for at in (0..full).step_by(8) {
            // SAFETY: `at + 8 <= full <= n`, the length of both slices.
            unsafe {
                let v = _mm256_add_ps(
                    _mm256_loadu_ps(row.as_ptr().add(at)),
                    _mm256_loadu_ps(mask.as_ptr().add(at)),
                );
                _mm256_storeu_ps(row.as_mut_ptr().add(at), v);
                most = _mm256_max_ps(most, v);
            }
        }
        let mut max = horizontal(most, f32::max);
        for (v, m) in row[full..].iter_mut().zip(&mask[full..]) {
            *v += m;
            max = max.max(*v);
        }
        let max8 = _mm256_set1_ps(max);
        let mut sums = _mm256_setzero_ps();
        for at in (0..full).step_by(8) {
            // SAFETY: as above.
            unsafe {
                let e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row.as_ptr().add(at)), max8));
                _mm256_storeu_ps(row.as_mut_ptr().add(at), e);
                sums = _mm256_add_ps(sums, e);
            }
        }
        let mut sum = horizontal(sums, |a, b| a + b);
        for v in &mut row[full..] {
            *v = super::exp(*v - max);
            sum += *v;
        }
        let scale = _mm256_set1_ps(1.0 / sum);
        for at in (0..full).step_by(8) {
            // SAFETY: as above.
            unsafe {
                let v = _mm256_mul_ps(_mm256_loadu_ps(row.as_ptr().add(at)), scale);
                _mm256_storeu_ps(row.as_mut_ptr().add(at), v);
            }
        }
        for v in &mut row[full..] {
            *v *= 1.0 / sum;
        }
    }
}

#[inline(always)]
fn gelu_portable(values: &mut [f32]) {
    for v in values {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// `row = LayerNorm(row + residual)` with the norm's weight, bias and epsilon.
fn residual_norm_row_portable(row: &mut [f32], residual: &[f32], norm: &ResidualNorm) {
    for (v, r) in row.iter_mut().zip(residual) {
        *v += r;
    }
    let n = row.len() as f32;
    let mean = row.iter().sum::<f32>() / n;
    let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let inverse = 1.0 / (variance + norm.eps).sqrt();
    for ((v, w), b) in row.iter_mut().zip(&norm.weight).zip(&norm.bias) {
        *v = (*v - mean) * (w * inverse) + b;
    }
}

#[inline(always)]
fn softmax_row_portable(row: &mut [f32], mask: &[f32]) {
    // Eight running lanes for the max and the sum: a single accumulator is a serial chain of
    // dependent operations that the compiler may not reorder, so it would not vectorise.
    const LANES: usize = 8;
    let mut max = [f32::NEG_INFINITY; LANES];
    for (values, masks) in row.chunks_mut(LANES).zip(mask.chunks(LANES)) {
        for ((lane, v), m) in max.iter_mut().zip(values).zip(masks) {
            *v += m;
            *lane = if *v > *lane { *v } else { *lane };
        }
    }
    let max = max
        .iter()
        .fold(f32::NEG_INFINITY, |a, &b| if b > a { b } else { a });
    let mut sum = [0f32; LANES];
    for values in row.chunks_mut(LANES) {
        for (lane, v) in sum.iter_mut().zip(values) {
            *v = exp(*v - max);
            *lane += *v;
        }
    }
    let scale = 1.0 / sum.iter().sum::<f32>();
    for v in row.iter_mut() {
        *v *= scale;
    }
}

/// e^x within about 2e-7 relative for x in [-87, 88] (clamped outside): 2^n times a
/// degree-6 polynomial of the remainder. Branch-free, so loops over it vectorise.
#[inline(always)]
fn exp(x: f32) -> f32 {
    const ROUND: f32 = 12_582_912.0; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    let x = x.clamp(-87.0, 88.0);
    let t = x * std::f32::consts::LOG2_E + ROUND;
    let n = t - ROUND;
    // n as an integer sits in the low mantissa bits of t; reading it from there instead of
    // `n as i32` (a saturating cast, compiled to scalar code) keeps the loop vectorised.
    let two_to_n =
        f32::from_bits(t.to_bits().wrapping_sub(ROUND.to_bits()).wrapping_add(127) << 23);
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6; // ln 2 in two parts
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    p * two_to_n
}

/// erf(x) within 1.5e-7 absolute (Abramowitz and Stegun 7.1.26).
#[inline(always)]
fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_8 + t * (-1.453_152_1 + t * 1.061_405_4))));
    let y = 1.0 - poly * exp(-a * a);
    y.copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_the_standard_library() {
        for i in -8700..=8800 {
            let x = i as f32 / 100.0;
            let (want, got) = (x.exp(), exp(x));
            assert!(
                ((got - want) / want).abs() < 5e-7,
                "exp({x}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn gelu_matches_the_erf_form() {
        let xs: Vec<f32> = (-1000..=1000).map(|i| i as f32 / 100.0).collect();
        let mut got = xs.clone();
        gelu(&mut got);
        for (x, g) in xs.iter().zip(&got) {
            let want = 0.5 * *x as f64 * (1.0 + libm_erf(*x as f64 / std::f64::consts::SQRT_2));
            assert!(
                (*g as f64 - want).abs() < 2e-6,
                "gelu({x}) = {g}, want {want}"
            );
        }
    }

    /// erf in f64: its Taylor series up to 3.5, the asymptotic series of erfc beyond.
    fn libm_erf(x: f64) -> f64 {
        let z = x.abs();
        if z > 3.5 {
            let z2 = z * z;
            let series =
                1.0 - 1.0 / (2.0 * z2) + 3.0 / (4.0 * z2 * z2) - 15.0 / (8.0 * z2 * z2 * z2);
            let erfc = (-z2).exp() / (z * std::f64::consts::PI.sqrt()) * series;
            return (1.0 - erfc).copysign(x);
        }
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    /// The vector kernels give the portable loops' results (up to rounding) at every length,
    /// tails included.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_kernels_agree_with_the_portable_ones() {
        if !(std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma"))
        {
            return;
        }
        for len in (1..40).chain([127, 128, 129]) {
            let xs: Vec<f32> = (0..len)
                .map(|i| ((i * 37) % 23) as f32 * 0.7 - 8.0)
                .collect();
            let mask: Vec<f32> = (0..len)
                .map(|i| if i % 5 == 4 { -10000.0 } else { 0.0 })
                .collect();
            let (mut fast, mut slow) = (xs.clone(), xs.clone());
            // SAFETY: the features were checked above.
            unsafe { avx2::gelu(&mut fast) };
            gelu_portable(&mut slow);
            for (f, s) in fast.iter().zip(&slow) {
                assert!((f - s).abs() <= 1e-6 * s.abs().max(1.0), "gelu {f} vs {s}");
            }
            let (mut fast, mut slow) = (xs.clone(), xs.clone());
            // SAFETY: as above.
            unsafe { avx2::softmax_row(&mut fast, &mask) };
            softmax_row_portable(&mut slow, &mask);
            for (f, s) in fast.iter().zip(&slow) {
                assert!((f - s).abs() <= 1e-6, "softmax {f} vs {s} at length {len}");
            }
        }
    }

    /// The residual norm (both copies) equals layer norm of the sum computed in f64, at
    /// the model's width and at widths with a tail.
    #[test]
    fn residual_norm_is_layer_norm_of_the_sum() {
        for width in [1, 7, 13, 384] {
            let output: Vec<f32> = (0..width)
                .map(|i| ((i * 37) % 23) as f32 * 0.7 - 8.0)
                .collect();
            let residual: Vec<f32> = (0..width).map(|i| ((i * 11) % 7) as f32 - 3.0).collect();
            let norm = ResidualNorm {
                weight: (0..width).map(|i| 0.5 + (i % 3) as f32).collect(),
                bias: (0..width).map(|i| (i % 5) as f32 - 2.0).collect(),
                eps: 1e-12,
            };
            let sum: Vec<f64> = output
                .iter()
                .zip(&residual)
                .map(|(a, b)| (a + b) as f64)
                .collect();
            let mean = sum.iter().sum::<f64>() / width as f64;
            let var = sum.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / width as f64;
            let want: Vec<f64> = (0..width)
                .map(|i| {
                    (sum[i] - mean) / (var + 1e-12).sqrt() * norm.weight[i] as f64
                        + norm.bias[i] as f64
                })
                .collect();
            let mut portable = output.clone();
            residual_norm_row_portable(&mut portable, &residual, &norm);
            let mut chosen = output.clone();
            norm.row(&mut chosen, &residual);
            for got in [&portable, &chosen] {
                for (g, w) in got.iter().zip(&want) {
                    assert!(
                        (*g as f64 - w).abs() < 1e-4 * w.abs().max(1.0),
                        "{g} vs {w} at width {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn masked_softmax_ignores_padding_and_sums_to_one() {
        let mut row = vec![1.0, 2.0, 3.0, 50.0];
        softmax_row(&mut row, &[0.0, 0.0, 0.0, -10000.0]);
        let total: f32 = row.iter().sum();
        assert!((total - 1.0).abs() < 1e-6);
        assert!(row[3] < 1e-30);
        let e = [1f32.exp(), 2f32.exp(), 3f32.exp()];
        let s: f32 = e.iter().sum();
        for (got, want) in row.iter().zip(e.iter().map(|v| v / s)) {
            assert!((got - want).abs() < 1e-6);
        }
    }
}
