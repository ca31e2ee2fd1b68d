; id: no-leak
; kind: state
; title: every allocated frame, VMObject and page table is accounted for
; witness: {what:enum(frame|frame|VMObject|VMObject|page table)} {k} {what:enum(is allocated in the pool but backs no page of a live VMObject (leaked)|backs a page of a live VMObject but is free in the pool|is live but no region references it (leaked)|is destroyed but still referenced by a region|is allocated but no accessible region has a page in it (leaked))}
;
; Violation, one of (what = 0..4):
;   0  a frame is used in the pool but owned by no live VMObject page;
;   1  a frame is owned by a live VMObject page but free in the pool;
;   2  a live VMObject has no region referencing it;
;   3  a destroyed VMObject is still referenced by a region;
;   4  a page table is allocated but no accessible region needs it.
; After teardown every pool must be empty, which these cases cover: no region remains,
; so any used frame, live object or allocated table is reported.

(declare-const what Int)
(declare-const k Int)

(assert (and (<= 0 k)
             (or (and (= what 0) (< k frame_count) (frame_used k) (not (frame_owned k)))
                 (and (= what 1) (< k frame_count) (not (frame_used k)) (frame_owned k))
                 (and (= what 2) (< k object_count) (object_live k) (= (object_refs k) 0))
                 (and (= what 3) (< k object_count) (not (object_live k)) (> (object_refs k) 0))
                 (and (= what 4) (< k table_count) (table_allocated k) (not (table_needed k))))))
