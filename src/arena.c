/* arena.c - bump allocator, hash map, interning, growable vector. */
#include "arena.h"

#include <assert.h>
#include <string.h>

typedef struct block {
  struct block *next;
  size_t used, size;
  size_t mapped; /* the length of its mapping (kg_pages_new), or 0 */
  max_align_t data[];
} block;

struct kg_arena {
  block *head;
  size_t total; /* bytes of its standard blocks so far */
  bool paged;   /* new blocks are mapped pages */
  block *spare; /* empty mapped blocks to use before mapping more */
  size_t spare_bytes;
};

/* Blocks grow with the arena, from BLOCK_SIZE to BIG_BLOCK_SIZE: a small
 * arena (a file's text, a scratch map) stays small, and a model of a
 * million statements takes its memory in blocks of mapped pages, faulted
 * in at once (kg_pages_new) rather than a page at a time. */
enum {
  BLOCK_SIZE = 64 * 1024 - sizeof(block),
  PAGED_BLOCK_SIZE = 1024 * 1024 - sizeof(block),
  BIG_BLOCK_SIZE = 4 * 1024 * 1024 - sizeof(block),
  PAGE_SIZE_MIN = 4096
};

/* The size of arena's next standard block. */
static size_t standard_size(const kg_arena *arena)
{
  if (arena->paged)
    return PAGED_BLOCK_SIZE;
  if (arena->total < 2 * (size_t)PAGED_BLOCK_SIZE)
    return BLOCK_SIZE;
  return arena->total < BIG_BLOCK_SIZE ? PAGED_BLOCK_SIZE : BIG_BLOCK_SIZE;
}

kg_arena *kg_arena_new(void)
{
  return kg_calloc(1, sizeof(kg_arena));
}

kg_arena *kg_arena_new_paged(void)
{
  kg_arena *arena = kg_arena_new();
  if (arena)
    arena->paged = true;
  return arena;
}

static void block_free(block *b)
{
  if (b->mapped)
    kg_pages_free(b, b->mapped);
  else
    kg_free(b);
}

static void blocks_free(block *b)
{
  for (block *next; b; b = next) {
    next = b->next;
    block_free(b);
  }
}

void kg_arena_free(kg_arena *arena)
{
  if (!arena)
    return;
  blocks_free(arena->head);
  blocks_free(arena->spare);
  kg_free(arena);
}

/* A block kg_arena_recycle keeps: one of a paged arena's standard ones. */
static bool reusable(const block *b)
{
  return b->mapped && b->size == PAGED_BLOCK_SIZE;
}

static void spare_push(kg_arena *arena, block *b)
{
  b->used = 0;
  b->next = arena->spare;
  arena->spare = b;
  arena->spare_bytes += b->size;
}

void kg_arena_recycle(kg_arena *spares, kg_arena *arena, size_t keep)
{
  if (!arena)
    return;
  blocks_free(arena->spare);
  for (block *b = arena->head, *next; b; b = next) {
    next = b->next;
    if (reusable(b) && spares->spare_bytes < keep)
      spare_push(spares, b);
    else
      block_free(b);
  }
  kg_free(arena);
}

void kg_arena_move_spares(kg_arena *to, kg_arena *from, size_t bytes)
{
  while (from->spare && to->spare_bytes < bytes) {
    block *b = from->spare;
    from->spare = b->next;
    from->spare_bytes -= b->size;
    spare_push(to, b);
  }
}

void kg_arena_free_spares(kg_arena *arena)
{
  blocks_free(arena->spare);
  arena->spare = NULL;
  arena->spare_bytes = 0;
}

void kg_arena_adopt(kg_arena *arena, kg_arena *other)
{
  if (!other)
    return;
  assert(arena != other);
  blocks_free(other->spare); /* empty: nothing in them to keep */
  block *first = other->head, *last = first;
  while (last && last->next)
    last = last->next;
  if (!first) {
    /* nothing to move */
  } else if (!arena->head) {
    arena->head = first;
  } else {
    /* Behind arena's current block, whose free space stays in use. */
    last->next = arena->head->next;
    arena->head->next = first;
  }
  kg_free(other);
}

/* Blocks start aligned for max_align_t (malloc's and mmap's promise). */
#define MAX_ALIGN _Alignof(max_align_t)

/* size bytes at a multiple of align (a power of two) from the current
 * block, or from a new one. */
static void *bump(kg_arena *arena, size_t size, size_t align)
{
  assert(align && (align & (align - 1)) == 0);
  block *b = arena->head;
  assert(!b || b->used <= b->size);
  size_t start = b ? (b->used + align - 1) & ~(align - 1) : 0;
  if (!b || start > b->size || b->size - start < size) {
    /* Big requests get a block of their own, placed behind the current one
     * so that the current block's free space is not wasted. */
    size_t standard = standard_size(arena);
    size_t cap = size > standard ? size : standard;
    size_t mapped = 0;
    block *nb;
    if (arena->spare && cap == standard && cap == arena->spare->size) {
      nb = arena->spare; /* already mapped and faulted in */
      arena->spare = nb->next;
      arena->spare_bytes -= nb->size;
      mapped = nb->mapped;
    } else if (arena->paged || cap >= PAGED_BLOCK_SIZE) {
      mapped = (sizeof(block) + cap + PAGE_SIZE_MIN - 1) &
               ~(size_t)(PAGE_SIZE_MIN - 1);
      nb = kg_pages_new(mapped);
    } else {
      nb = kg_malloc(sizeof(block) + cap);
    }
    if (!nb)
      return NULL;
    nb->used = 0;
    nb->size = cap;
    nb->mapped = mapped;
    if (cap == standard)
      arena->total += cap;
    if (b && cap == size) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      arena->head = nb;
    }
    b = nb;
    start = 0;
  }
  b->used = start + size;
  assert(b->used <= b->size);
  char *p = (char *)b->data + start;
  /* kg_arena_alloc asks for sizeof(max_align_t), 32 bytes on x86-64 where
   * its alignment is 16: the offset is a multiple of 32, the address of
   * 16 only. */
  assert(start % align == 0);
  assert((uintptr_t)p % (align < MAX_ALIGN ? align : MAX_ALIGN) == 0);
  return p;
}

void *kg_arena_alloc(kg_arena *arena, size_t size)
{
  return bump(arena, size, sizeof(max_align_t));
}

void *kg_arena_alloc_aligned(kg_arena *arena, size_t size, size_t align)
{
  assert(align <= MAX_ALIGN);
  return bump(arena, size, align);
}

/* Strings need no alignment: packing them saves 8 bytes a string, on
 * average, of the millions a large fact file has. */
char *kg_arena_strndup(kg_arena *arena, const char *s, size_t len)
{
  char *copy = bump(arena, len + 1, 1);
  if (copy) {
    if (len)
      memcpy(copy, s, len);
    copy[len] = '\0';
  }
  return copy;
}

uint64_t kg_hash64(const void *data, size_t len, uint64_t seed)
{
  const unsigned char *p = data;
  uint64_t h = seed;
  for (size_t i = 0; i < len; ++i) {
    h ^= p[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

/* Open addressing with linear probing; the table doubles at 1/2 load.  A
 * key's value lives in the arena just before the key's copy, not in the
 * table: its slot stays put when the table grows, and a stored key leads
 * to its value without a lookup (kg_map_key_slot). */
typedef struct {
  const char *key;
  size_t len;
  uint64_t hash;
} map_entry;

struct kg_map {
  kg_arena *arena;
  map_entry *table;
  size_t count, capacity;
};

kg_map *kg_map_new(kg_arena *arena)
{
  kg_map *map = kg_calloc(1, sizeof(kg_map));
  if (!map)
    return NULL;
  map->arena = arena;
  map->capacity = 64;
  map->table = kg_calloc(map->capacity, sizeof(map_entry));
  if (!map->table) {
    kg_free(map);
    return NULL;
  }
  return map;
}

void kg_map_free(kg_map *map)
{
  if (!map)
    return;
  kg_free(map->table);
  kg_free(map);
}

/* Terminates because the load stays at most 1/2: some slot is empty. */
static map_entry *find(const kg_map *map, const char *key, size_t len,
                       uint64_t hash)
{
  assert(map->capacity && (map->capacity & (map->capacity - 1)) == 0);
  assert(map->count * 2 <= map->capacity);
  size_t mask = map->capacity - 1, probes = 0;
  (void)probes; /* only the assertion reads it */
  for (size_t i = hash & mask;; i = (i + 1) & mask, ++probes) {
    assert(probes < map->capacity);
    map_entry *e = &map->table[i];
    if (!e->key ||
        (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0))
      return e;
  }
}

static bool grow(kg_map *map)
{
  size_t old_capacity = map->capacity;
  map_entry *old = map->table;
  map_entry *table = kg_calloc(old_capacity * 2, sizeof(map_entry));
  if (!table)
    return false;
  map->table = table;
  map->capacity = old_capacity * 2;
  size_t moved = 0;
  for (size_t i = 0; i < old_capacity; ++i)
    if (old[i].key) {
      map_entry *e = find(map, old[i].key, old[i].len, old[i].hash);
      assert(!e->key); /* keys are unique: each lands in an empty slot */
      *e = old[i];
      ++moved;
    }
  assert(moved == map->count);
  (void)moved;
  kg_free(old);
  return true;
}

void **kg_map_key_slot(const char *stored_key)
{
  return (void **)(uintptr_t)(stored_key - sizeof(void *));
}

void **kg_map_slot(kg_map *map, const char *key, size_t len,
                   const char **stored_key)
{
  uint64_t hash = kg_hash64(key, len, KG_HASH_SEED);
  map_entry *e = find(map, key, len, hash);
  if (!e->key) {
    if ((map->count + 1) * 2 > map->capacity) {
      if (!grow(map))
        return NULL;
      e = find(map, key, len, hash);
    }
    /* [value][key bytes][NUL]: the arena aligns the value. */
    char *box = kg_arena_alloc(map->arena, sizeof(void *) + len + 1);
    if (!box)
      return NULL;
    *(void **)(void *)box = NULL;
    char *copy = box + sizeof(void *);
    if (len)
      memcpy(copy, key, len);
    copy[len] = '\0';
    e->key = copy;
    e->len = len;
    e->hash = hash;
    ++map->count;
    assert(map->count * 2 <= map->capacity);
  }
  /* The slot found holds this key: same hash, length and bytes. */
  assert(e->hash == hash && e->len == len && !memcmp(e->key, key, len));
  assert(e->key[len] == '\0');
  if (stored_key)
    *stored_key = e->key;
  return kg_map_key_slot(e->key);
}

void *kg_map_get(const kg_map *map, const char *key, size_t len)
{
  map_entry *e = find(map, key, len, kg_hash64(key, len, KG_HASH_SEED));
  return e->key ? *kg_map_key_slot(e->key) : NULL;
}

size_t kg_map_count(const kg_map *map)
{
  return map->count;
}

const char *kg_intern(kg_map *strings, const char *s, size_t len)
{
  const char *stored = NULL;
  void **slot = kg_map_slot(strings, s, len, &stored);
  return slot ? stored : NULL;
}

void *kg_grow(void *items, size_t *capacity, size_t count, size_t size,
              size_t first)
{
  assert(count <= *capacity);
  if (count < *capacity)
    return items;
  size_t cap = *capacity ? *capacity * 2 : first;
  void *grown = kg_realloc(items, cap * size);
  if (grown)
    *capacity = cap;
  return grown;
}

kg_status kg_vec_push(kg_vec *vec, void *item)
{
  void **grown =
      kg_grow(vec->items, &vec->capacity, vec->count, sizeof *vec->items, 8);
  if (!grown)
    return KG_ERR_NOMEM;
  vec->items = grown;
  vec->items[vec->count++] = item;
  assert(vec->count <= vec->capacity);
  return KG_OK;
}

void kg_vec_free(kg_vec *vec)
{
  if (!vec)
    return;
  kg_free(vec->items);
  vec->items = NULL;
  vec->count = vec->capacity = 0;
}
