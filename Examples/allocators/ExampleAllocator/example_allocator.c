/*
 * ExampleAllocator: a correct allocator written against regioncheck_allocator.h.
 *
 * Regions live in an array sorted by base; placement is first-fit with alignment straight over
 * that array (no free list, no heap allocation while searching). munmap and mprotect split
 * regions, each part keeping its memory object at offset source.offset + distance. Page tables
 * exist exactly for the tables some accessible region touches; the TLB caches translations until
 * munmap or mprotect flushes the affected regions' pages.
 *
 * Atomicity: an operation works on a copy of the logical state (regions, objects' reference
 * counts, PTEs, TLB) and touches the checker's pools only at the end: first it allocates the page
 * tables the new state needs (undoing them on failure, so the old state stands), then it frees
 * the tables and the frames of objects that died. (A consequence: when the table pool is full, a
 * step that frees one table and needs another fails with ENOMEM, where the reference model would
 * free first; the presets never fill the table pool.)
 *
 * The same file builds ExampleAllocatorBuggy (EXAMPLE_BUG_SPECIFIC_CHECK_KEYED_ON_BASE) and the
 * test-only ExampleAllocatorCrashing (EXAMPLE_CRASH_ON_SPLIT, EXAMPLE_HANG_ON_EXEC_ONLY).
 */
#include "../../../Adapter/include/regioncheck_allocator.h"

#include <string.h>

#define NO_FRAME UINT64_MAX

struct region {
    uint64_t base, size; /* bytes */
    uint32_t protection;
    uint32_t object;     /* slot in the object table */
    uint64_t offset;     /* pages */
};

struct object {
    int live;
    uint64_t page_count;
    int64_t references;
    uint64_t *frames; /* per object page, NO_FRAME when unpopulated; shared by state copies */
};

struct translation {
    uint64_t page, frame;
    int writable;
};

/* A growable array whose memory comes from the checker's heap hook. */
struct vector {
    void *items;
    size_t count, capacity, item_size;
};

/* Everything an operation may change, copied before it starts. */
struct state {
    struct vector regions;  /* struct region, sorted by base */
    struct vector objects;  /* struct object, by slot */
    struct vector ptes;     /* struct translation, sorted by page */
    struct vector tlb;      /* struct translation, sorted by page */
    struct vector tables;   /* uint64_t, ascending */
};

struct space {
    struct rc_universe universe;
    struct rc_hooks hooks;
    struct state state;
};

/* ---- vectors ---------------------------------------------------------------------------- */

static void vector_init(struct vector *v, size_t item_size) {
    memset(v, 0, sizeof *v);
    v->item_size = item_size;
}

static void vector_free(struct space *s, struct vector *v) {
    if (v->items) s->hooks.heap_free(s->hooks.context, v->items);
    v->items = NULL;
    v->count = v->capacity = 0;
}

static int vector_reserve(struct space *s, struct vector *v, size_t capacity) {
    if (capacity <= v->capacity) return RC_OK;
    size_t grown = v->capacity ? v->capacity * 2 : 8;
    if (grown < capacity) grown = capacity;
    void *items = s->hooks.heap_allocate(s->hooks.context, grown * v->item_size);
    if (!items) return RC_ENOMEM;
    if (v->count) memcpy(items, v->items, v->count * v->item_size);
    if (v->items) s->hooks.heap_free(s->hooks.context, v->items);
    v->items = items;
    v->capacity = grown;
    return RC_OK;
}

static int vector_copy(struct space *s, struct vector *to, const struct vector *from) {
    vector_init(to, from->item_size);
    if (vector_reserve(s, to, from->count) != RC_OK) return RC_ENOMEM;
    if (from->count) memcpy(to->items, from->items, from->count * from->item_size);
    to->count = from->count;
    return RC_OK;
}

static int vector_insert(struct space *s, struct vector *v, size_t at, const void *item) {
    if (vector_reserve(s, v, v->count + 1) != RC_OK) return RC_ENOMEM;
    char *base = v->items;
    memmove(base + (at + 1) * v->item_size, base + at * v->item_size, (v->count - at) * v->item_size);
    memcpy(base + at * v->item_size, item, v->item_size);
    v->count++;
    return RC_OK;
}

static void vector_remove(struct vector *v, size_t at) {
    char *base = v->items;
    memmove(base + at * v->item_size, base + (at + 1) * v->item_size, (v->count - at - 1) * v->item_size);
    v->count--;
}

#define REGION(st, i) (((struct region *)(st)->regions.items)[i])
#define OBJECT(st, i) (((struct object *)(st)->objects.items)[i])
#define TRANSLATION(vec, i) (((struct translation *)(vec)->items)[i])
#define TABLE(st, i) (((uint64_t *)(st)->tables.items)[i])

static void state_free(struct space *s, struct state *st) {
    vector_free(s, &st->regions);
    vector_free(s, &st->objects);
    vector_free(s, &st->ptes);
    vector_free(s, &st->tlb);
    vector_free(s, &st->tables);
}

static int state_copy(struct space *s, struct state *to, const struct state *from) {
    memset(to, 0, sizeof *to);
    if (vector_copy(s, &to->regions, &from->regions) != RC_OK || vector_copy(s, &to->objects, &from->objects) != RC_OK
        || vector_copy(s, &to->ptes, &from->ptes) != RC_OK || vector_copy(s, &to->tlb, &from->tlb) != RC_OK
        || vector_copy(s, &to->tables, &from->tables) != RC_OK) {
        state_free(s, to);
        return RC_ENOMEM;
    }
    return RC_OK;
}

/* ---- translations (PTEs and TLB entries) ------------------------------------------------ */

static size_t translation_lower_bound(const struct vector *v, uint64_t page) {
    size_t lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (TRANSLATION(v, mid).page < page) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static const struct translation *translation_find(const struct vector *v, uint64_t page) {
    size_t i = translation_lower_bound(v, page);
    return i < v->count && TRANSLATION(v, i).page == page ? &TRANSLATION(v, i) : NULL;
}

static int translation_set(struct space *s, struct vector *v, struct translation entry) {
    size_t i = translation_lower_bound(v, entry.page);
    if (i < v->count && TRANSLATION(v, i).page == entry.page) {
        TRANSLATION(v, i) = entry;
        return RC_OK;
    }
    return vector_insert(s, v, i, &entry);
}

static void translation_remove_pages(struct vector *v, uint64_t first, uint64_t end) {
    size_t i = translation_lower_bound(v, first);
    while (i < v->count && TRANSLATION(v, i).page < end) vector_remove(v, i);
}

/* ---- regions ---------------------------------------------------------------------------- */

static uint64_t page_of(const struct space *s, uint64_t address) { return address / s->universe.page_size; }
static uint64_t total_end(const struct space *s) { return s->universe.base + s->universe.pages * s->universe.page_size; }

/* Index of the first region whose end is above `address`. */
static size_t first_ending_above(const struct state *st, uint64_t address) {
    size_t lo = 0, hi = st->regions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (REGION(st, mid).base + REGION(st, mid).size <= address) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static int region_insert(struct space *s, struct state *st, struct region region) {
    size_t i = first_ending_above(st, region.base);
    return vector_insert(s, &st->regions, i, &region);
}

/* Writes the PTEs of a readable region's populated pages: as on x86, a present PTE can always be
   read, so an execute-only page gets none (its page table still exists) and a read of it faults. */
static int region_map(struct space *s, struct state *st, const struct region *r) {
    if (!(r->protection & (RC_PROT_READ | RC_PROT_WRITE))) return RC_OK;
    const struct object *o = &OBJECT(st, r->object);
    uint64_t first = page_of(s, r->base), count = r->size / s->universe.page_size;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t frame = o->frames[r->offset + i];
        if (frame == NO_FRAME) continue;
        struct translation entry = { first + i, frame, (r->protection & RC_PROT_WRITE) != 0 };
        if (translation_set(s, &st->ptes, entry) != RC_OK) return RC_ENOMEM;
    }
    return RC_OK;
}

/* Clears a removed region's PTEs and flushes its pages from the TLB. */
static void region_unmap(struct space *s, struct state *st, const struct region *r) {
    uint64_t first = page_of(s, r->base), end = first + r->size / s->universe.page_size;
    translation_remove_pages(&st->ptes, first, end);
    translation_remove_pages(&st->tlb, first, end);
}

/* A part [base, base+size) cut from `source`: same object, offset shifted by the distance. */
static struct region split_part(const struct space *s, const struct region *source, uint64_t base, uint64_t size,
                                uint32_t protection) {
    struct region part = { base, size, protection, source->object, source->offset + (base - source->base) / s->universe.page_size };
    return part;
}

/* Removes every region page in [first, end), splitting regions partly covered. */
static int unmap_range(struct space *s, struct state *st, uint64_t first, uint64_t end) {
    size_t i = first_ending_above(st, first);
    while (i < st->regions.count && REGION(st, i).base < end) {
        struct region source = REGION(st, i);
        vector_remove(&st->regions, i);
        region_unmap(s, st, &source);
        int parts = 0;
        if (source.base < first) {
            struct region below = split_part(s, &source, source.base, first - source.base, source.protection);
            if (region_insert(s, st, below) != RC_OK || region_map(s, st, &below) != RC_OK) return RC_ENOMEM;
            OBJECT(st, source.object).references++;
            i++;
            parts++;
        }
        if (source.base + source.size > end) {
            struct region above = split_part(s, &source, end, source.base + source.size - end, source.protection);
            if (region_insert(s, st, above) != RC_OK || region_map(s, st, &above) != RC_OK) return RC_ENOMEM;
            OBJECT(st, source.object).references++;
            i++;
            parts++;
        }
#ifdef EXAMPLE_CRASH_ON_SPLIT
        if (parts > 0) *(volatile int *)0 = 1; /* the deliberate crash: a split dereferences NULL */
#endif
        (void)parts;
        OBJECT(st, source.object).references--;
    }
    return RC_OK;
}

/* ---- placement -------------------------------------------------------------------------- */

static uint64_t round_up(uint64_t value, uint64_t alignment, int *overflow) {
    uint64_t r = (value + alignment - 1) & ~(alignment - 1);
    *overflow = r < value;
    return r;
}

/* Aligned starts a with [a, a+size) inside the hole [start, end). */
static uint64_t positions(uint64_t start, uint64_t end, uint64_t size, uint64_t alignment) {
    int overflow;
    uint64_t first = round_up(start, alignment, &overflow);
    if (overflow || first >= end || end - first < size) return 0;
    return (end - first - size) / alignment + 1;
}

/* The k-th aligned position (ascending) over all holes; first-fit is k = 0. Returns 0 when there
 * are at most k positions; *count gets the total. */
static int find_position(const struct space *s, const struct state *st, uint64_t size, uint64_t alignment, uint64_t k,
                         uint64_t *found, uint64_t *count) {
    uint64_t window = s->universe.base, total = 0;
    int have = 0;
    for (size_t i = 0; i <= st->regions.count; i++) {
        uint64_t hole_end = i < st->regions.count ? REGION(st, i).base : total_end(s);
        if (hole_end > window) {
            uint64_t n = positions(window, hole_end, size, alignment);
            if (!have && k < total + n) {
                int overflow;
                *found = round_up(window, alignment, &overflow) + (k - total) * alignment;
                have = 1;
            }
            total += n;
        }
        if (i < st->regions.count) {
            uint64_t end = REGION(st, i).base + REGION(st, i).size;
            if (end > window) window = end;
        }
    }
    *count = total;
    return have;
}

/* Fixed placement: inside the total range (else ENOMEM) and free (else EEXIST). */
static int check_specific(const struct space *s, const struct state *st, uint64_t base, uint64_t size) {
    if (base < s->universe.base || base + size > total_end(s)) return RC_ENOMEM;
#ifdef EXAMPLE_BUG_SPECIFIC_CHECK_KEYED_ON_BASE
    /* The realistic bug (SerenityOS 9765f9f67ed): look up the region at or below the range's
     * base only, missing a region that starts inside the range. */
    size_t i = first_ending_above(st, base);
    if (i < st->regions.count && REGION(st, i).base <= base) return RC_EEXIST;
#else
    size_t i = first_ending_above(st, base);
    if (i < st->regions.count && REGION(st, i).base < base + size) return RC_EEXIST;
#endif
    return RC_OK;
}

/* ---- committing a new state ------------------------------------------------------------- */

static int has_table(const struct state *st, uint64_t table) {
    for (size_t i = 0; i < st->tables.count; i++) if (TABLE(st, i) == table) return 1;
    return 0;
}

/* Drops a copy that will not be committed (objects it created included). */
static int discard(struct space *s, struct state *next, int error) {
    for (size_t o = s->state.objects.count; o < next->objects.count; o++)
        if (OBJECT(next, o).frames) s->hooks.heap_free(s->hooks.context, OBJECT(next, o).frames);
    state_free(s, next);
    return error;
}

/* Makes `next` the state: allocates the page tables it needs (on failure frees those and leaves
 * the old state), frees the tables it no longer needs and the frames of objects that died. */
static int commit(struct space *s, struct state *next) {
    struct state *old = &s->state;
    /* Tables needed, ascending: walk the accessible regions' pages. */
    uint64_t per = s->universe.pages_per_table;
    next->tables.count = 0;
    for (size_t i = 0; i < next->regions.count; i++) {
        const struct region *r = &REGION(next, i);
        if (!r->protection) continue;
        uint64_t first = page_of(s, r->base) / per, last = (page_of(s, r->base + r->size) - 1) / per;
        for (uint64_t t = first; t <= last; t++) {
            if (next->tables.count && TABLE(next, next->tables.count - 1) >= t) continue;
            if (vector_insert(s, &next->tables, next->tables.count, &t) != RC_OK) return discard(s, next, RC_ENOMEM);
        }
    }
    for (size_t i = 0; i < next->tables.count; i++) {
        if (has_table(old, TABLE(next, i))) continue;
        if (s->hooks.allocate_page_table(s->hooks.context, TABLE(next, i)) != RC_OK) {
            for (size_t j = 0; j < i; j++)
                if (!has_table(old, TABLE(next, j))) s->hooks.free_page_table(s->hooks.context, TABLE(next, j));
            return discard(s, next, RC_ENOMEM);
        }
    }
    for (size_t i = 0; i < old->tables.count; i++)
        if (!has_table(next, TABLE(old, i))) s->hooks.free_page_table(s->hooks.context, TABLE(old, i));
    for (size_t o = 0; o < next->objects.count; o++) {
        struct object *object = &OBJECT(next, o);
        if (!object->live || object->references > 0) continue;
        for (uint64_t p = 0; p < object->page_count; p++)
            if (object->frames[p] != NO_FRAME) s->hooks.free_frame(s->hooks.context, object->frames[p]);
        s->hooks.heap_free(s->hooks.context, object->frames);
        object->live = 0;
        object->frames = NULL;
    }
    state_free(s, old);
    *old = *next;
    return RC_OK;
}

/* ---- the operations --------------------------------------------------------------------- */

static void *example_create(const struct rc_universe *universe, const struct rc_hooks *hooks) {
    struct space *s = hooks->heap_allocate(hooks->context, sizeof *s);
    if (!s) return NULL;
    memset(s, 0, sizeof *s);
    s->universe = *universe;
    s->hooks = *hooks;
    vector_init(&s->state.regions, sizeof(struct region));
    vector_init(&s->state.objects, sizeof(struct object));
    vector_init(&s->state.ptes, sizeof(struct translation));
    vector_init(&s->state.tlb, sizeof(struct translation));
    vector_init(&s->state.tables, sizeof(uint64_t));
    return s;
}

static void example_teardown(void *opaque) {
    struct space *s = opaque;
    struct state *st = &s->state;
    for (size_t o = 0; o < st->objects.count; o++) {
        struct object *object = &OBJECT(st, o);
        if (!object->live) continue;
        for (uint64_t p = 0; p < object->page_count; p++)
            if (object->frames[p] != NO_FRAME) s->hooks.free_frame(s->hooks.context, object->frames[p]);
        s->hooks.heap_free(s->hooks.context, object->frames);
    }
    for (size_t i = 0; i < st->tables.count; i++) s->hooks.free_page_table(s->hooks.context, TABLE(st, i));
    state_free(s, st);
    vector_init(&st->regions, sizeof(struct region));
    vector_init(&st->objects, sizeof(struct object));
    vector_init(&st->ptes, sizeof(struct translation));
    vector_init(&st->tlb, sizeof(struct translation));
    vector_init(&st->tables, sizeof(uint64_t));
}

static void example_destroy(void *opaque) {
    struct space *s = opaque;
    example_teardown(s);
    state_free(s, &s->state);
    s->hooks.heap_free(s->hooks.context, s);
}

static int example_mmap(void *opaque, uint64_t size, uint32_t protection, uint32_t placement, uint64_t address,
                        uint64_t alignment, uint64_t candidate, uint64_t *result) {
    struct space *s = opaque;
    uint64_t P = s->universe.page_size;
    if (alignment == 0) alignment = P;
    int overflow;
    uint64_t rounded = round_up(size, P, &overflow);
    if (size == 0 || overflow || alignment < P || (alignment & (alignment - 1)) || rounded + alignment < rounded) return RC_EINVAL;
    int fixed = placement == RC_PLACE_FIXED || placement == RC_PLACE_FIXED_NOREPLACE;
    if (fixed && address % P) return RC_EINVAL;
    if (placement > RC_PLACE_FIXED) return RC_EINVAL;

    struct state next;
    if (state_copy(s, &next, &s->state) != RC_OK) return RC_ENOMEM;
    uint64_t base = 0;
    if (fixed) {
        if (address + rounded < address) return discard(s, &next, RC_ENOMEM);
        if (placement == RC_PLACE_FIXED) {
            if (address < s->universe.base || address + rounded > total_end(s)) return discard(s, &next, RC_ENOMEM);
            if (unmap_range(s, &next, address, address + rounded) != RC_OK) return discard(s, &next, RC_ENOMEM);
        }
        int error = check_specific(s, &next, address, rounded);
        if (error != RC_OK) return discard(s, &next, error);
        base = address;
    } else {
        uint64_t count;
        s->hooks.placement_begin(s->hooks.context);
        int found = find_position(s, &next, rounded, alignment, placement == RC_PLACE_RANDOMIZED ? candidate : 0, &base, &count);
        if (!found && placement == RC_PLACE_RANDOMIZED && count > 0)
            found = find_position(s, &next, rounded, alignment, count - 1, &base, &count);
        s->hooks.placement_end(s->hooks.context);
        if (!found) return discard(s, &next, RC_ENOMEM);
    }

    struct object object = { 1, rounded / P, 1, NULL };
    object.frames = s->hooks.heap_allocate(s->hooks.context, (size_t)object.page_count * sizeof(uint64_t));
    if (!object.frames) return discard(s, &next, RC_ENOMEM);
    for (uint64_t p = 0; p < object.page_count; p++) object.frames[p] = NO_FRAME;
    if (vector_insert(s, &next.objects, next.objects.count, &object) != RC_OK) {
        s->hooks.heap_free(s->hooks.context, object.frames);
        return discard(s, &next, RC_ENOMEM);
    }
    struct region region = { base, rounded, protection & 7u, (uint32_t)(next.objects.count - 1), 0 };
    if (region_insert(s, &next, region) != RC_OK) return discard(s, &next, RC_ENOMEM);
    if (commit(s, &next) != RC_OK) return RC_ENOMEM;
    *result = base;
    return RC_OK;
}

/* The page range [*first, *end) of [address, address+size), rounded out; EINVAL if it wraps. */
static int page_rounded(const struct space *s, uint64_t address, uint64_t size, uint64_t *first, uint64_t *end) {
    uint64_t P = s->universe.page_size;
    if (size == 0 || address + size < address) return RC_EINVAL;
    int overflow;
    *end = round_up(address + size, P, &overflow);
    if (overflow) return RC_EINVAL;
    *first = address & ~(P - 1);
    return RC_OK;
}

static int example_munmap(void *opaque, uint64_t address, uint64_t size) {
    struct space *s = opaque;
    uint64_t first, end;
    int error = page_rounded(s, address, size, &first, &end);
    if (error != RC_OK) return error;
    /* Only what lies inside the total range is acted on; unmapping nothing succeeds. */
    if (first < s->universe.base) first = s->universe.base;
    if (end > total_end(s)) end = total_end(s);
    if (first >= end) return RC_OK;
    struct state next;
    if (state_copy(s, &next, &s->state) != RC_OK) return RC_ENOMEM;
    if (unmap_range(s, &next, first, end) != RC_OK) return discard(s, &next, RC_ENOMEM);
    return commit(s, &next);
}

static int example_mprotect(void *opaque, uint64_t address, uint64_t size, uint32_t protection) {
    struct space *s = opaque;
    protection &= 7u;
    if (size == 0) return RC_OK;
    uint64_t first, end;
    int error = page_rounded(s, address, size, &first, &end);
    if (error != RC_OK) return error;
    /* Every page must belong to some region (Linux's rule). */
    uint64_t covered = 0;
    const struct state *st = &s->state;
    for (size_t i = first_ending_above(st, first); i < st->regions.count && REGION(st, i).base < end; i++) {
        uint64_t lo = REGION(st, i).base > first ? REGION(st, i).base : first;
        uint64_t hi = REGION(st, i).base + REGION(st, i).size < end ? REGION(st, i).base + REGION(st, i).size : end;
        covered += hi - lo;
    }
    if (covered != end - first) return RC_ENOMEM;
#ifdef EXAMPLE_HANG_ON_EXEC_ONLY
    if (protection == RC_PROT_EXEC) for (volatile int forever = 1; forever;) {} /* the deliberate hang */
#endif

    struct state next;
    if (state_copy(s, &next, &s->state) != RC_OK) return RC_ENOMEM;
    size_t i = first_ending_above(&next, first);
    while (i < next.regions.count && REGION(&next, i).base < end) {
        struct region source = REGION(&next, i);
        if (source.protection == protection) { i++; continue; }
        vector_remove(&next.regions, i);
        region_unmap(s, &next, &source);
        uint64_t lo = source.base > first ? source.base : first;
        uint64_t hi = source.base + source.size < end ? source.base + source.size : end;
        struct region pieces[3];
        int n = 0;
        if (source.base < lo) pieces[n++] = split_part(s, &source, source.base, lo - source.base, source.protection);
        pieces[n++] = split_part(s, &source, lo, hi - lo, protection);
        if (source.base + source.size > hi) pieces[n++] = split_part(s, &source, hi, source.base + source.size - hi, source.protection);
        for (int p = 0; p < n; p++) {
            if (region_insert(s, &next, pieces[p]) != RC_OK || region_map(s, &next, &pieces[p]) != RC_OK)
                return discard(s, &next, RC_ENOMEM);
            OBJECT(&next, source.object).references++;
        }
        OBJECT(&next, source.object).references--;
        i += (size_t)n;
    }
    return commit(s, &next);
}

static int example_touch(void *opaque, uint64_t address, int write, uint32_t value, uint32_t *result) {
    struct space *s = opaque;
    struct state *st = &s->state;
    uint64_t page = page_of(s, address);
    /* The MMU: the TLB first, then the page tables; a stale entry is honoured. */
    const struct translation *cached = translation_find(&st->tlb, page);
    uint64_t frame = NO_FRAME;
    if (cached && (cached->writable || !write)) {
        frame = cached->frame;
    } else {
        const struct translation *pte = translation_find(&st->ptes, page);
        if (pte && (pte->writable || !write)) {
            struct translation entry = *pte;
            if (translation_set(s, &st->tlb, entry) != RC_OK) return RC_ENOMEM;
            frame = entry.frame;
        }
    }
    if (frame == NO_FRAME) {
        /* The fault path: the region must permit the access (writes need W, reads R or W). */
        size_t i = first_ending_above(st, address);
        if (i >= st->regions.count || REGION(st, i).base > address) return RC_EFAULT;
        const struct region *r = &REGION(st, i);
        uint32_t needed = write ? RC_PROT_WRITE : (RC_PROT_READ | RC_PROT_WRITE);
        if (!(r->protection & needed)) return RC_EFAULT;
        struct object *object = &OBJECT(st, r->object);
        uint64_t object_page = r->offset + (address - r->base) / s->universe.page_size;
        frame = object->frames[object_page];
        if (frame == NO_FRAME) {
            if (s->hooks.allocate_frame(s->hooks.context, &frame) != RC_OK) return RC_ENOMEM;
            object->frames[object_page] = frame;
        }
        struct translation entry = { page, frame, (r->protection & RC_PROT_WRITE) != 0 };
        if (translation_set(s, &st->ptes, entry) != RC_OK || translation_set(s, &st->tlb, entry) != RC_OK) return RC_ENOMEM;
    }
    if (write) s->hooks.write_frame(s->hooks.context, frame, value);
    *result = write ? value : s->hooks.read_frame(s->hooks.context, frame);
    return RC_OK;
}

static void example_observe(void *opaque, const struct rc_observer *observer) {
    struct space *s = opaque;
    const struct state *st = &s->state;
    for (size_t i = 0; i < st->regions.count; i++) {
        const struct region *r = &REGION(st, i);
        observer->region(observer->context, r->base, r->size, r->protection, r->object + 1, r->offset);
    }
    for (size_t i = 0; i < st->tables.count; i++) observer->page_table(observer->context, TABLE(st, i));
    for (size_t i = 0; i < st->ptes.count; i++)
        observer->pte(observer->context, TRANSLATION(&st->ptes, i).page, TRANSLATION(&st->ptes, i).frame, TRANSLATION(&st->ptes, i).writable);
    for (size_t i = 0; i < st->tlb.count; i++)
        observer->tlb_entry(observer->context, TRANSLATION(&st->tlb, i).page, TRANSLATION(&st->tlb, i).frame, TRANSLATION(&st->tlb, i).writable);
    for (size_t o = 0; o < st->objects.count; o++) {
        const struct object *object = &OBJECT(st, o);
        if (!object->live) continue;
        observer->object(observer->context, o + 1, object->page_count, object->references);
        for (uint64_t p = 0; p < object->page_count; p++)
            if (object->frames[p] != NO_FRAME) observer->populated_page(observer->context, o + 1, p, object->frames[p]);
    }
}

#ifndef EXAMPLE_NAME
#define EXAMPLE_NAME "ExampleAllocator"
#endif
#ifndef RC_ABI_VERSION_OVERRIDE
#define RC_ABI_VERSION_OVERRIDE RC_ABI_VERSION
#endif

const struct rc_allocator regioncheck_allocator = {
    .abi_version = RC_ABI_VERSION_OVERRIDE,
    .capabilities = RC_CAP_REGIONS | RC_CAP_PAGE_TABLES | RC_CAP_TLB | RC_CAP_OBJECTS | RC_CAP_HEAP | RC_CAP_ACCESS,
    .name = EXAMPLE_NAME,
    .create = example_create,
    .destroy = example_destroy,
    .mmap = example_mmap,
    .munmap = example_munmap,
    .mprotect = example_mprotect,
    .touch = example_touch,
    .teardown = example_teardown,
    .observe = example_observe,
};
