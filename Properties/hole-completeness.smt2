; id: hole-completeness
; kind: transition
; title: a placement that fails with ENOMEM had no aligned hole of that size
; witness: mmap of {op_size:hex} bytes aligned to {op_align:hex} failed with ENOMEM, but [{hole:hex}, {hole_end:hex}) is an aligned hole inside the total range
;
; Violation: an anywhere (0) or randomized (1) mmap returned ENOMEM (12) although no
; allocation failed (so the placement itself failed), yet some aligned range of the
; requested size lies inside [total_base, total_end) and intersects no region of the
; before state. A hole of exactly op_size counts; there are no guard pages.

(declare-const hole Int)
(define-fun hole_end () Int (+ hole op_size))

(assert (and (or (= op_kind 0) (= op_kind 1))
             (not result_ok)
             (= result_errno 12)
             (not result_alloc_failed)
             (> op_size 0)
             (> op_align 0)
             (= (mod hole op_align) 0)
             (<= total_base hole)
             (<= hole_end total_end)
             (forall ((k Int))
               (=> (and (<= 0 k) (< k before_region_count))
                   (or (<= hole_end (before_base k)) (<= (before_end k) hole))))))
