; id: no-leak
; kind: state
; title: every allocated frame, VMObject and page table is accounted for
; witness: {what:enum(frame|frame|VMObject|VMObject|VMObject|page table)} {k} {what:enum(is allocated in the pool but backs no page of a live VMObject (leaked)|backs a page of a live VMObject but is free in the pool|is live but no region references it (leaked)|is destroyed but a region still references it|has a reference count that disagrees with the regions: zero while referenced or nonzero while unreferenced|is allocated but no accessible region has a page in it (leaked))}
;
; Violation, one of (what = 0..5):
;   0  a frame is used in the pool but owned by no live VMObject page;
;   1  a frame is owned by a live VMObject page but free in the pool;
;   2  a live VMObject is referenced by no region (of the region arrays);
;   3  a region references a VMObject that is not live (or an id outside 0..<object_count);
;   4  a VMObject's reference count is 0 although a region references it, or positive
;      although none does (so a destroyed object with references, or a live one without,
;      is caught here or in 2/3);
;   5  a page table is allocated but no accessible region needs it.
; After teardown every pool must be empty, which these cases cover: no region remains,
; so any used frame, live object or allocated table is reported.

(define-fun referenced ((o Int)) Bool
  (exists ((x Int)) (and (<= 0 x) (< x region_count) (= (object x) o))))

(declare-const what Int)
(declare-const k Int)

(assert (and (<= 0 k)
             (or (and (= what 0) (< k frame_count) (frame_used k) (not (frame_owned k)))
                 (and (= what 1) (< k frame_count) (not (frame_used k)) (frame_owned k))
                 (and (= what 2) (< k object_count) (object_live k) (not (referenced k)))
                 (and (= what 3) (not (object_live k)) (referenced k))
                 (and (= what 4) (< k object_count) (not (= (= (object_refs k) 0) (not (referenced k)))))
                 (and (= what 5) (< k table_count) (table_allocated k) (not (table_needed k))))))
