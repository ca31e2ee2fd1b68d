; id: split-partition
; kind: transition
; title: munmap and mprotect partition each region's pages into kept parts and the operated range
; witness: page {page:hex} {why:enum(is lost: no single after-region maps it to the same VMObject page with the expected protection|is covered by two after-regions|lies in the unmapped range but is still mapped|is mapped after the operation but by no region before)} (before-region {r}, after-regions {s} and {t}; -1 = not involved)
;
; Applies to a successful munmap (op_kind 4) or mprotect (5). The operated range is
; [op_addr, op_addr + op_size) rounded out to pages. A page of a before-region r must,
; afterwards, be
;   - inside the range of a munmap: covered by no after-region;
;   - otherwise: covered by exactly one after-region s with the same VMObject, reaching the
;     same VMObject page (after_offset s + (page - after_base s) / page_size =
;     before_offset r + (page - before_base r) / page_size), with protection op_prot inside
;     the range of an mprotect and before_prot r elsewhere.
; Nothing may appear either: every page of an after-region was a page of a before-region.
;
; Violation, one of (why = 0..3):
;   0  lost: a page that must stay has no such after-region;
;   1  duplicated: two after-regions cover the same page;
;   2  still mapped: a page inside a munmap range is covered by an after-region;
;   3  appeared: an after-region covers a page no before-region had.
; Indices that a case does not involve are -1 in the witness.

(define-fun range_lo () Int (* page_size (div op_addr page_size)))
(define-fun range_hi () Int (* page_size (div (+ op_addr op_size (- page_size 1)) page_size)))
(define-fun in_range ((p Int)) Bool (and (<= range_lo p) (< p range_hi)))
(define-fun before_covers ((x Int) (p Int)) Bool
  (and (<= 0 x) (< x before_region_count) (<= (before_base x) p) (< p (before_end x))))
(define-fun after_covers ((x Int) (p Int)) Bool
  (and (<= 0 x) (< x after_region_count) (<= (after_base x) p) (< p (after_end x))))

(declare-const why Int)
(declare-const page Int)
(declare-const r Int)
(declare-const s Int)
(declare-const t Int)

; The VMObject page and protection page must keep, as it was in before-region r.
(define-fun expected_page () Int (+ (before_offset r) (div (- page (before_base r)) page_size)))
(define-fun expected_prot () Int (ite (and (= op_kind 5) (in_range page)) op_prot (before_prot r)))
(define-fun keeps ((x Int)) Bool
  (and (after_covers x page)
       (= (after_object x) (before_object r))
       (= (+ (after_offset x) (div (- page (after_base x)) page_size)) expected_page)
       (= (after_prot x) expected_prot)))

(assert (and (or (= op_kind 4) (= op_kind 5))
             result_ok
             (> page_size 0)
             (= (mod page page_size) 0)
             (or (and (= why 0) (= s (- 1)) (= t (- 1))
                      (before_covers r page)
                      (not (and (= op_kind 4) (in_range page)))
                      (forall ((x Int)) (not (keeps x))))
                 (and (= why 1) (= r (- 1)) (< s t)
                      (after_covers s page) (after_covers t page))
                 (and (= why 2) (= t (- 1)) (= op_kind 4) (in_range page)
                      (before_covers r page) (after_covers s page))
                 (and (= why 3) (= r (- 1)) (= t (- 1))
                      (after_covers s page)
                      (forall ((x Int)) (not (before_covers x page)))))))
