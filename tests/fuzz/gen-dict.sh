#!/bin/sh
# gen-dict.sh ONTOLOGY_DIR YAML_DICT - a libFuzzer dictionary for fuzz_load:
# the YAML tokens of YAML_DICT, then every section, type and key the ontology
# declares (the literals of kg:yamlSection, kg:yamlType and kg:yamlKey in
# ONTOLOGY_DIR/*.ttl), as bare words, as "word: " and as "word:\n  - id: ".
# The triples are read with rapper (raptor2-utils), so the dictionary follows
# the ontology, not a pattern match on its text.  Writes to standard output.
set -eu
dir=$1
cat "$2"
echo
echo "# generated from $dir/*.ttl by gen-dict.sh"
for ttl in "$dir"/*.ttl; do
  rapper -q -i turtle -o ntriples "$ttl"
done |
  awk '$2 ~ /^<https:\/\/w3id\.org\/kgbuild\/ns#yaml(Key|Section|Type)>$/ &&
       $3 ~ /^"[^"\\]*"$/ {
         kind = $2; sub(/.*#yaml/, "", kind); sub(/>$/, "", kind)
         word = $3; gsub(/"/, "", word)
         print kind, word
       }' |
  LC_ALL=C sort -u |
  while read -r kind word; do
    echo "\"$word\""
    case $kind in
      Section) printf '"%s:\\x0a  - id: "\n' "$word" ;;
      Key) printf '"%s: "\n' "$word" ;;
      Type) printf '"type: %s"\n' "$word" ;;
    esac
  done
