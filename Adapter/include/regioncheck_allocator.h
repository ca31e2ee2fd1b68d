/*
 * regioncheck_allocator.h: the whole contract between regioncheck and an allocator under test.
 *
 * An implementation is a shared library that exports one symbol, `regioncheck_allocator`, a
 * table of functions (struct rc_allocator). regioncheck loads it with dlopen in a worker process
 * (never in its own), creates an instance for a universe, drives it with the operations of SPEC
 * section 2, and after each step asks it to describe its state through observer callbacks.
 * Properties judge only those observations, against the checker's own oracles.
 *
 * Rules an implementation follows:
 *  - Every page-table, frame and heap allocation goes through the hooks given to create, so the
 *    checker can fail it on purpose (an injected ENOMEM) and count it. Frames hold one 32-bit data
 *    word, kept by the checker: read and write it through the hooks.
 *  - Every operation is atomic: on error the state is exactly as before (free what you allocated).
 *  - Errors are the Linux errno values below; success is 0.
 *  - Identities (object ids) need not be stable across calls: only equality within one observe
 *    matters. The checker renumbers them by first appearance.
 *  - No global state: several instances may exist one after the other in one process.
 *
 * Include this file by path; it is installed nowhere.
 */
#ifndef REGIONCHECK_ALLOCATOR_H
#define REGIONCHECK_ALLOCATOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on every incompatible change; regioncheck refuses a table with another version. */
#define RC_ABI_VERSION 1u

/* The symbol regioncheck looks up with dlsym. */
#define RC_ALLOCATOR_SYMBOL "regioncheck_allocator"

/* Errors: Linux errno values. */
#define RC_OK 0
#define RC_EPERM 1
#define RC_ENOMEM 12
#define RC_EFAULT 14
#define RC_EEXIST 17
#define RC_EINVAL 22
#define RC_EOVERFLOW 75

/* Protection bits (none of them: PROT_NONE). Writes need W; reads need R or W. */
#define RC_PROT_READ 1u
#define RC_PROT_WRITE 2u
#define RC_PROT_EXEC 4u

/* mmap placements (SPEC section 2). */
enum rc_placement {
    RC_PLACE_ANYWHERE = 0,        /* the lowest-address aligned range lying in a hole */
    RC_PLACE_RANDOMIZED = 1,      /* the candidate-th aligned hole position (ascending address) */
    RC_PLACE_FIXED_NOREPLACE = 2, /* exactly [addr, addr+size); EEXIST if anything is there */
    RC_PLACE_FIXED = 3            /* exactly [addr, addr+size), replacing what is there, atomically */
};

/* What observe reports beyond regions; the same bits as regioncheck's ObservationCapabilities.
 * A property needing something not reported is skipped, and every report lists it. */
#define RC_CAP_REGIONS 1u           /* regions (always) */
#define RC_CAP_PAGE_TABLES 2u       /* allocated page tables and present PTEs */
#define RC_CAP_TLB 4u               /* TLB entries */
#define RC_CAP_OBJECTS 8u           /* memory objects: size, reference count, populated pages */
#define RC_CAP_HEAP 16u             /* heap allocations go through the hooks, placement bracketed */
#define RC_CAP_ACCESS 32u           /* touch goes through the implementation's own access path */

/* The modelled machine. Addresses and sizes are bytes; the total range is
 * [base, base + pages * page_size). */
struct rc_universe {
    uint64_t base;
    uint64_t pages;
    uint64_t page_size;
    uint64_t pages_per_table;
    uint64_t frames;      /* the frame pool's size (the hooks enforce it) */
    uint64_t page_tables; /* the page-table pool's size (the hooks enforce it) */
};

/* The checker's services. Every function takes `context` first. */
struct rc_hooks {
    void *context;
    /* Allocates page table number `table` (= virtual page / pages_per_table): RC_OK or RC_ENOMEM. */
    int (*allocate_page_table)(void *context, uint64_t table);
    void (*free_page_table)(void *context, uint64_t table);
    /* Allocates a zero-filled frame: RC_OK (and *frame set) or RC_ENOMEM. */
    int (*allocate_frame)(void *context, uint64_t *frame);
    void (*free_frame)(void *context, uint64_t frame);
    uint32_t (*read_frame)(void *context, uint64_t frame);
    void (*write_frame)(void *context, uint64_t frame, uint32_t value);
    /* The kernel heap (kmalloc/kfree); NULL when out of memory. */
    void *(*heap_allocate)(void *context, size_t size);
    void (*heap_free)(void *context, void *pointer);
    /* Bracket the search for a range (hole finding): heap allocations in between are counted
     * against the `allocation-free` property. */
    void (*placement_begin)(void *context);
    void (*placement_end)(void *context);
};

/* Where observe reports. Report regions in ascending base order; the rest in any order. */
struct rc_observer {
    void *context;
    /* A region: its byte range, protection, the identity of its memory object and the first
     * object page it shows (offset, in pages). */
    void (*region)(void *context, uint64_t base, uint64_t size, uint32_t protection, uint64_t object, uint64_t offset);
    /* RC_CAP_PAGE_TABLES: an allocated page table, and a present PTE (virtual page number). */
    void (*page_table)(void *context, uint64_t table);
    void (*pte)(void *context, uint64_t page, uint64_t frame, int writable);
    /* RC_CAP_TLB: a cached translation. */
    void (*tlb_entry)(void *context, uint64_t page, uint64_t frame, int writable);
    /* RC_CAP_OBJECTS: a live memory object, then each of its populated pages. */
    void (*object)(void *context, uint64_t object, uint64_t page_count, int64_t reference_count);
    void (*populated_page)(void *context, uint64_t object, uint64_t page, uint64_t frame);
};

/* The exported table. Every function pointer must be set. */
struct rc_allocator {
    uint32_t abi_version;  /* RC_ABI_VERSION */
    uint32_t capabilities; /* RC_CAP_* bits */
    const char *name;
    /* A fresh, empty address space; NULL if it cannot be made. The hooks stay valid until destroy. */
    void *(*create)(const struct rc_universe *universe, const struct rc_hooks *hooks);
    void (*destroy)(void *space);
    /* Returns an errno; on success *address is the base of the new region. `address` is used by
     * the fixed placements, `candidate` by the randomized one (clamp it to the last candidate).
     * `alignment` is a byte count (0 means page_size). */
    int (*mmap)(void *space, uint64_t size, uint32_t protection, uint32_t placement, uint64_t address,
                uint64_t alignment, uint64_t candidate, uint64_t *result);
    int (*munmap)(void *space, uint64_t address, uint64_t size);
    int (*mprotect)(void *space, uint64_t address, uint64_t size, uint32_t protection);
    /* A user access: reads (*value = the word) or writes `value` (*value = value). EFAULT when the
     * regions do not permit it; ENOMEM when populating the page fails. */
    int (*touch)(void *space, uint64_t address, int write, uint32_t value, uint32_t *result);
    /* Process exit: free everything, then start again empty (as after exec). */
    void (*teardown)(void *space);
    void (*observe)(void *space, const struct rc_observer *observer);
};

#ifdef __cplusplus
}
#endif

#endif
