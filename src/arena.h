/* arena.h - bump allocation for the fact model, and an interned string table.
 * Everything the model points to lives in one arena and dies with it, so the
 * model needs no per-object destructors. */
#ifndef KG_ARENA_H
#define KG_ARENA_H

#include "kg.h"

typedef struct kg_arena kg_arena;

kg_arena *kg_arena_new(void) KG_NODISCARD;
/* An arena whose memory is mapped from the system in blocks of 1 MiB and
 * unmapped by kg_arena_free: for a big arena freed in bulk (a file's YAML
 * tree), maybe filled on another thread, whose memory should go back at
 * once rather than wait in that thread's malloc arena. */
kg_arena *kg_arena_new_paged(void) KG_NODISCARD;
void kg_arena_free(kg_arena *arena);

/* Frees arena (NULL is allowed) but for its standard blocks of mapped
 * pages, which become spares of `spares` while it holds fewer than `keep`
 * bytes of them: a paged arena given them (kg_arena_move_spares) fills
 * them before it maps more.  Mapping and unmapping a file's tree, on a VM
 * where each page costs microseconds and each unmapping stops the other
 * threads' TLBs, is what this saves.  No locking: the caller's. */
void kg_arena_recycle(kg_arena *spares, kg_arena *arena, size_t keep);
/* Moves spare blocks from `from` to `to` until `to` holds at least `bytes`
 * of them, or `from` has no more. */
void kg_arena_move_spares(kg_arena *to, kg_arena *from, size_t bytes);
/* Unmaps arena's spare blocks (it allocates nothing, so it cannot fail). */
void kg_arena_free_spares(kg_arena *arena);

/* Moves other's memory into arena, to be freed with it, and frees other
 * (NULL is allowed).  What was allocated from other stays where it is. */
void kg_arena_adopt(kg_arena *arena, kg_arena *other);

/* Aligned for any object; NULL when out of memory. */
void *kg_arena_alloc(kg_arena *arena, size_t size) KG_NODISCARD;
/* Aligned for `align` (a power of two, at most any object's): for the
 * millions of small objects of one type whose size is not a multiple of
 * any object's alignment (a 40-byte YAML node would take 64). */
void *kg_arena_alloc_aligned(kg_arena *arena, size_t size,
                             size_t align) KG_NODISCARD;
/* A NUL-terminated copy of len bytes (which may themselves hold NUL). */
char *kg_arena_strndup(kg_arena *arena, const char *s, size_t len) KG_NODISCARD;

/* A hash map from byte strings to pointers.  Keys are copied into the arena,
 * so a map's entries live as long as its arena. */
typedef struct kg_map kg_map;

kg_map *kg_map_new(kg_arena *arena) KG_NODISCARD;
void kg_map_free(kg_map *map);
/* Finds key; returns its slot (whose value is NULL if the key is new), or NULL
 * when out of memory.  *stored_key receives the map's copy of the key.  The
 * slot stays valid as long as the arena, whatever is added later. */
void **kg_map_slot(kg_map *map, const char *key, size_t len,
                   const char **stored_key) KG_NODISCARD;
/* The slot of a key the map stored (a *stored_key of kg_map_slot, or a
 * string kg_intern returned), found without a lookup. */
void **kg_map_key_slot(const char *stored_key);
void *kg_map_get(const kg_map *map, const char *key, size_t len);
size_t kg_map_count(const kg_map *map);

/* Interned strings: equal text gives the same pointer, so the model compares
 * ids, keys and IRIs by pointer.  Returns NULL when out of memory. */
const char *kg_intern(kg_map *strings, const char *s, size_t len) KG_NODISCARD;

/* FNV-1a, 64 bits: fast, and stable across runs and machines (the statement
 * IRIs are minted from it, so it must never change). */
uint64_t kg_hash64(const void *data, size_t len, uint64_t seed);
#define KG_HASH_SEED UINT64_C(0xcbf29ce484222325)

/* A growable array of pointers, the model's one container. */
typedef struct {
  void **items;
  size_t count, capacity;
} kg_vec;

kg_status kg_vec_push(kg_vec *vec, void *item) KG_NODISCARD;
void kg_vec_free(kg_vec *vec);

/* Room for one more element in a growable array of `size`-byte elements
 * holding `count`: returns the array, doubled (from `first` elements) when
 * it was full, or NULL when out of memory (the old array is then left as it
 * was).  Use: `T *grown = kg_grow(a, &cap, n, sizeof *a, 16);` */
void *kg_grow(void *items, size_t *capacity, size_t count, size_t size,
              size_t first) KG_NODISCARD;

#endif
