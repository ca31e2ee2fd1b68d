; id: hole-completeness
; kind: transition
; title: a placement that fails with ENOMEM had no aligned hole of that size
; witness: mmap of {op_size:hex} bytes aligned to {op_align:hex} failed with ENOMEM, but [{hole:hex}, {hole_end:hex}) is an aligned hole inside the total range
;
; Violation: an anywhere (0) or randomized (1) mmap returned ENOMEM (12) although no
; allocation failed (so the placement itself failed), yet some hole of the before state,
; its base rounded up to op_align, still holds op_size bytes inside [total_base, total_end).
; A hole of exactly op_size counts; there are no guard pages.
;
; The rounding is AK's round_up_to_power_of_two(x, A) = ((x - 1) & ~(A - 1)) + A. For a
; power of two it is the lowest multiple at or above x, so "a rounded hole base fits" is
; "some aligned range fits". The serenity design also accepts page multiples that are not
; powers of two (the reference answers EINVAL, out of scope here): their aligned positions
; are the ones AK's formula produces, and SerenityOS rounds each hole's base only.

(define-fun ak_round_up ((x Int)) Int
  (+ (bv2nat (bvand ((_ int2bv 64) (- x 1)) (bvnot ((_ int2bv 64) (- op_align 1))))) op_align))

(declare-const hole Int)
(define-fun hole_end () Int (+ hole op_size))
; Where the hole holding [hole, hole_end) begins.
(declare-const lower Int)

(assert (and (or (= op_kind 0) (= op_kind 1))
             (not result_ok)
             (= result_errno 12)
             (not result_alloc_failed)
             (> op_size 0)
             (> op_align 0)
             (<= total_base hole)
             (<= hole_end total_end)
             (forall ((k Int))
               (=> (and (<= 0 k) (< k before_region_count))
                   (or (<= hole_end (before_base k)) (<= (before_end k) hole))))
             ; A hole begins at the total range's base or where a region ends, and no region
             ; ends between its beginning and the range: [lower, hole_end) is one hole.
             (or (and (= lower total_base) (= hole (ak_round_up total_base)))
                 (exists ((j Int))
                   (and (<= 0 j) (< j before_region_count)
                        (= lower (before_end j)) (= hole (ak_round_up (before_end j))))))
             (<= lower hole)
             (forall ((k Int))
               (=> (and (<= 0 k) (< k before_region_count))
                   (or (<= (before_end k) lower) (< hole (before_end k)))))))
