; id: no-overlap
; kind: state
; title: regions are pairwise disjoint
; witness: regions {i} and {j} overlap: [{base_i:hex}, {end_i:hex}) and [{base_j:hex}, {end_j:hex})
;
; Violation: two different regions share at least one address.
; i < j only breaks the symmetry; the regions need not be sorted.

(declare-const i Int)
(declare-const j Int)
(define-fun base_i () Int (base i))
(define-fun end_i () Int (end i))
(define-fun base_j () Int (base j))
(define-fun end_j () Int (end j))

(assert (and (<= 0 i) (< i j) (< j region_count)
             (< base_i end_j)
             (< base_j end_i)))
