/* load.h - stage 1: read fact files into YAML trees with positions.
 * Only this stage calls libyaml.  It refuses what a fact file has no use
 * for and what makes YAML dangerous: anchors and aliases, tags, several
 * documents, duplicate keys, non-text keys, nesting deeper than
 * KG_MAX_DEPTH, files over KG_MAX_FILE_BYTES, scalars over
 * KG_MAX_SCALAR_BYTES, and anything that is not UTF-8. */
#ifndef KG_LOAD_H
#define KG_LOAD_H

#include "arena.h"
#include "diag.h"

#define KG_MAX_DEPTH 64
#define KG_MAX_FILE_BYTES (64u << 20)
#define KG_MAX_SCALAR_BYTES (64u << 10)

typedef enum { KG_YAML_SCALAR, KG_YAML_MAP, KG_YAML_SEQ } kg_yaml_kind;

typedef struct kg_ynode kg_ynode;
/* 40 bytes: a large fact file makes millions of nodes, and each is written
 * once and read once, so their size is much of the time spent on them. */
struct kg_ynode {
  const char *text;   /* scalars: the decoded value, NUL-terminated ... */
  kg_ynode **items;   /* maps: key, value, key, value...; sequences: items */
  uint32_t len;       /* scalars: ... but it may hold NUL, so use len */
  uint32_t count;     /* maps: pairs; sequences: items */
  uint32_t line, col; /* where it starts, 1-based (kg_ynode_pos) */
  uint8_t kind;       /* a kg_yaml_kind */
  bool plain;         /* scalars: written without quotes */
  bool clean;         /* scalars: known to hold nothing kg_text_check refuses
                         (the file has none, and no escape could make one) */
};

/* A node's position; `file` is the name its file was loaded under. */
static inline kg_pos kg_ynode_pos(const kg_ynode *n, const char *file)
{
  return (kg_pos){file, n->line, n->col};
}

/* Reads a file into arena; "-" is standard input, named "<stdin>" in
 * diagnostics.  *name is the arena's copy of the name positions use.
 * Problems are reported to diag: an unreadable file gives KG_ERR_IO, one
 * that is not a fact file (too large, a device) KG_ERR_FACTS.  With
 * kg_load_buffer, lets the text (kept for diagnostics) and the tree
 * (dropped once modelled) live in different arenas. */
kg_status kg_load_read(kg_arena *arena, kg_diag *diag, const char *path,
                       const char **name, const char **text,
                       size_t *len) KG_NODISCARD;

/* Loads from memory (the fuzzer's entry point); `name` labels positions. */
kg_status kg_load_buffer(kg_arena *arena, kg_diag *diag, const char *name,
                         const char *text, size_t len,
                         kg_ynode **root) KG_NODISCARD;

#endif
