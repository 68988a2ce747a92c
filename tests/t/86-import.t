#!/bin/sh
# kgbuild import FORMAT FILE (issue 24, item 2): Popolo JSON, FollowTheMoney
# JSON lines, Wikidata entity JSON and CSV with a mapping, from the small
# files in tests/import/ written from each format's public specification.
# Each import gives a fact file that `kgbuild check` accepts, citing a
# source entry with the file's sha256 whose archived copy is put in
# sources/; the file read back (PyYAML) holds what the input says; the
# same input in another order gives the same bytes; an existing file is
# never replaced; every field not mapped is reported with its count
# (--diagnostics=json, read with Python's json).  Hostile inputs (bad
# UTF-8, a huge number, deep nesting, duplicate ids and members, a file
# cut short, a file claiming 1 GB, CSV with an open quote) give an error
# at FILE:LINE:COL and exit 1, under ASan and UBSan.  Round trip: the
# imports built to N-Triples and loaded into Oxigraph answer, by SPARQL,
# every person with their names and every position held with its dates,
# as the input files give them.
. tests/lib.sh
need_binaries
T=$TMP
SAN=$T/san
san_env "$SAN"
KGA=$KG_ASAN
IN=$REPO/tests/import
STORES=$REPO/tests/stores
# The repository's ontology, for fact bases made in $T.
export KGBUILD_DATADIR=$REPO
unset SOURCE_DATE_EPOCH

fresh() { # fresh NAME: a new fact base $T/NAME with no facts
  rm -rf "$T/$1"
  mkdir -p "$T/$1"
  (cd "$T/$1" && "$KG" init >/dev/null 2>&1 && rm -f facts/example.yaml)
}

# imp DIR FORMAT FILE [OPTIONS]: kgbuild-asan import in fact base DIR.
imp() {
  _d=$1
  shift
  (cd "$_d" && "$KGA" import "$@" --accessed=2026-01-01 --diagnostics=json)
}

# --- each format: imported, accepted by check, the copy in sources/
for case in "popolo people.popolo.json people-popolo" \
  "wikidata wang.wikidata.json wang-wikidata" \
  "ftm pep.ftm.jsonl pep-ftm" \
  "csv officials.csv officials --mapping=$IN/officials.mapping.yaml"; do
  set -- $case
  fmt=$1 file=$2 out=$3
  shift 3
  fresh "$fmt"
  imp "$T/$fmt" "$fmt" "$IN/$file" "$@" >"$T/$fmt.out" 2>"$T/$fmt.err"
  rc=$?
  [ $rc = 0 ] && [ -s "$T/$fmt/facts/$out.yaml" ] && cmp -s "$IN/$file" "$T/$fmt/sources/$file"
  ok $? "import $fmt $file: exit 0 (got $rc), facts/$out.yaml, the file copied to sources/" ||
    diag "$T/$fmt.err"
  [ "$(stat -c %a "$T/$fmt/facts/$out.yaml")" = "$(umask -S >/dev/null; printf '%o' $((0666 & ~$(umask))))" ]
  ok $? "import $fmt: the fact file has the mode of a new file ($(stat -c %a "$T/$fmt/facts/$out.yaml"))"
  (cd "$T/$fmt" && "$KG" check) >"$T/$fmt.check" 2>&1
  ok $? "import $fmt: kgbuild check accepts it, the copy's sha256 checked" || diag "$T/$fmt.check"
done
san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report" || diag "$T/san.out"

# --- what the files say, read back with PyYAML
"$PY" - "$T" "$IN" >"$T/content.out" 2>&1 <<'PY'
import hashlib, json, sys, yaml
T, IN = sys.argv[1:3]
def load(fmt, name):
    return yaml.safe_load(open(f"{T}/{fmt}/facts/{name}.yaml", encoding="utf-8"))
def by_id(doc, section):
    return {e["id"]: e for e in doc.get(section, [])}
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)

p = load("popolo", "people-popolo")
src = p["sources"][0]
want(src["sha256"] == hashlib.sha256(open(f"{IN}/people.popolo.json", "rb").read()).hexdigest(),
     "popolo: the source's sha256 is the file's")
want(src["local-copy"] == "people.popolo.json" and str(src["accessed"]) == "2026-01-01"
     and src["title"] == "people.popolo.json", f"popolo: the source entry: {src}")
people = by_id(p, "people")
want(set(people) == {"wang-lei", "wang-lei-2", "christopher-painter"},
     f"popolo: ids from names, the collision after folding resolved: {sorted(people)}")
want(people["wang-lei"]["alt-name"] == "王磊", "popolo: other_names as alt-name")
want(str(people["wang-lei"]["born"]) == "1970", "popolo: birth_date")
want(people["christopher-painter"]["member-of"] ==
     {"value": "ministry-of-foreign-affairs", "start": 2011, "end": 2017},
     f"popolo: a membership without a post is member-of with its dates: {people['christopher-painter'].get('member-of')}")
ap = p["appointments"][0]
want(ap["holder"] == "wang-lei" and ap["post"] == "coordinator-for-cyber-and-digital-affairs"
     and str(ap["start"]) == "2021-05", f"popolo: a membership with a post is an appointment: {ap}")
want(by_id(p, "organisations")["department-of-arms-control"]["part-of"] == "ministry-of-foreign-affairs",
     "popolo: parent_id is part-of")
want(all(e["source"] == src["id"] for s in ("people", "organisations", "posts", "appointments") for e in p[s]),
     "popolo: every entry cites the source entry")

w = load("wikidata", "wang-wikidata")
person = w["people"][0]
want(person["name"] == {"en": "Wang Lei", "fr": "Wang Lei", "zh-hans": "王磊"},
     f"wikidata: labels in every language: {person['name']}")
holds = sorted(person["holds"], key=lambda h: h["value"])
want(holds[0] == {"value": "coordinator-for-cyber-and-digital-affairs", "start": "2021-05", "rank": "preferred"}
     or holds[0].get("rank") == "preferred", f"wikidata: P39 preferred, with P580: {holds[0]}")
want(holds[1].get("start") is not None and str(holds[1].get("end")) == "2021",
     f"wikidata: P39 with P580 and P582 (day and year precision): {holds[1]}")
want(holds[2].get("rank") == "deprecated" and "Q25895909" in holds[2].get("reason", ""),
     f"wikidata: a deprecated P39 keeps its rank and its reason (P2241): {holds[2]}")

f = load("ftm", "pep-ftm")
ap = f["appointments"][0]
want(ap["holder"] == "jake-sullivan" and str(ap["start"]) == "2021-01-20" and str(ap["end"]) == "2025-01-20",
     f"ftm: Occupancy is an appointment: {ap}")
want(by_id(f, "posts")["united-states-national-security-advisor"]["post-in"] == "national-security-council",
     "ftm: Position.organization is post-in")

c = load("csv", "officials")
people = by_id(c, "people")
want(people["zhang-jim-san"]["name"] == {"en": 'Zhang "Jim" San', "zh": "张三"},
     f"csv: quoted field with doubled quotes, a name per language: {people.get('zhang-jim-san')}")
want("emile-orsted" in people and "li-si" in people, f"csv: ids folded to ASCII (É, Ø): {sorted(people)}")
print("\n".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
PY
ok $? "the imported facts say what the inputs say (PyYAML)" || diag "$T/content.out"

# --- every field not mapped is reported, once, with its count
"$PY" - "$T/popolo.err" "$T/ftm.err" >"$T/unmapped.out" 2>&1 <<'PY'
import json, re, sys
def fields(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        m = re.match(r"not mapped: (.*) \((\d+) values?\)$", d["message"])
        if d.get("code") == "not-mapped" and m:
            out[m.group(1)] = int(m.group(2))
    return out
p, f = fields(sys.argv[1]), fields(sys.argv[2])
want = {"persons[].gender": 1, "organizations[].classification": 1, "memberships[].role": 1,
        "areas": 1, "persons[].other_names[].note": 1}
bad = [f"popolo {k}: {p.get(k)} != {v}" for k, v in want.items() if p.get(k) != v]
if f.get("Person.datasets") != 2 or f.get("schema.Sanction") != 1 or f.get("Occupancy.status") != 1:
    bad.append(f"ftm: {f}")
print("\n".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
PY
ok $? "fields not mapped: one line each, with the count of their values" || diag "$T/unmapped.out"
"$PY" - "$T/csv.err" >"$T/csvline.out" 2>&1 <<'PY'
import json, sys
ds = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{")]
hit = [d for d in ds if "not a date" in d["message"]]
print(hit)
sys.exit(0 if len(hit) == 1 and hit[0]["line"] == 5 and hit[0]["column"] == 1 else 1)
PY
ok $? "csv: a value not mapped is reported at its row's line, counting the line break inside a quoted field and past a BOM" ||
  diag "$T/csvline.out"

# --- the same input in another order gives the same bytes
"$PY" - "$IN/people.popolo.json" "$T/shuffled.popolo.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d = dict(reversed(list(d.items())))
for k in d:
    d[k] = list(reversed(d[k]))
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
fresh shuffled
mkdir -p "$T/shuffled-in" && cp "$T/shuffled.popolo.json" "$T/shuffled-in/people.popolo.json"
imp "$T/shuffled" popolo "$T/shuffled-in/people.popolo.json" >/dev/null 2>&1
grep -v sha256 "$T/shuffled/facts/people-popolo.yaml" >"$T/a.yaml"
grep -v sha256 "$T/popolo/facts/people-popolo.yaml" >"$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml"
ok $? "persons, organisations, posts and memberships in reverse order: the same facts, byte for byte" ||
  diff "$T/a.yaml" "$T/b.yaml" | diag
fresh ftm2
mkdir -p "$T/ftm2-in" && tac "$IN/pep.ftm.jsonl" >"$T/ftm2-in/pep.ftm.jsonl"
imp "$T/ftm2" ftm "$T/ftm2-in/pep.ftm.jsonl" >/dev/null 2>&1
grep -v sha256 "$T/ftm2/facts/pep-ftm.yaml" >"$T/a.yaml"
grep -v sha256 "$T/ftm/facts/pep-ftm.yaml" >"$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml"
ok $? "FollowTheMoney lines in reverse order: the same bytes" || diff "$T/a.yaml" "$T/b.yaml" | diag

# --- never replaces a file
before=$(sha_tree "$T/popolo")
imp "$T/popolo" popolo "$IN/people.popolo.json" >"$T/again.out" 2>&1
rc=$?
[ $rc = 2 ] && [ "$(sha_tree "$T/popolo")" = "$before" ] && grep -q '"code":"exists"' "$T/again.out"
ok $? "a second import of one file: refused, exit 2 (got $rc), nothing changed" || diag "$T/again.out"
mkdir -p "$T/other" && printf '{"persons": []}\n' >"$T/other/people.popolo.json"
rm "$T/popolo/facts/people-popolo.yaml"
before=$(sha_tree "$T/popolo")
imp "$T/popolo" popolo "$T/other/people.popolo.json" >"$T/other.out" 2>&1
rc=$?
[ $rc = 2 ] && [ "$(sha_tree "$T/popolo")" = "$before" ]
ok $? "another file of the name of a copy in sources/: refused, exit 2 (got $rc)" || diag "$T/other.out"

# --- Wikidata: of several birth dates, the preferred one; the others reported
fresh born
imp "$T/born" wikidata "$IN/born-ranks.wikidata.json" >/dev/null 2>"$T/born.err"
"$PY" - "$T/born/facts/born-ranks-wikidata.yaml" "$T/born.err" >"$T/born.out" 2>&1 <<'PY'
import json, sys, yaml
p = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["people"][0]
ds = [json.loads(l)["message"] for l in open(sys.argv[2]) if l.startswith("{")]
print(p.get("born"), ds)
ok = (str(p["born"]["value"]) == "1951-03-02" and p["born"]["rank"] == "preferred"
      and any("'born: 1950'" in d for d in ds) and any("claims.P569 (1 value)" in d for d in ds))
sys.exit(0 if ok else 1)
PY
ok $? "wikidata: of three birth dates the preferred one, the normal one and the Julian one reported" ||
  diag "$T/born.out"
(cd "$T/born" && "$KG" check) >"$T/born.check" 2>&1
ok $? "... and check accepts it (one value of a one-valued key)" || diag "$T/born.check"

# --- Popolo: an organisation as a member; a membership of someone unknown
fresh orgm
cat >"$T/orgm.json" <<'JSON'
{"organizations": [{"id": "o1", "name": "Alliance"}, {"id": "o2", "name": "Party"}],
 "memberships": [
   {"member": {"@type": "Organization", "id": "o2"}, "organization_id": "o1", "start_date": "1999"},
   {"person_id": "nobody", "organization_id": "o1"}]}
JSON
imp "$T/orgm" popolo "$T/orgm.json" >/dev/null 2>"$T/orgm.err"
(cd "$T/orgm" && "$KG" check) >"$T/orgm.check" 2>&1
rc=$?
"$PY" - "$T/orgm/facts/orgm.yaml" "$T/orgm.err" >"$T/orgm.out" 2>&1 <<'PY'
import json, sys, yaml
orgs = {e["id"]: e for e in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["organisations"]}
ds = [json.loads(l)["message"] for l in open(sys.argv[2]) if l.startswith("{")]
print(orgs, ds)
ok = (orgs["party"].get("member-of") == {"value": "alliance", "start": 1999}
      and any("no person 'nobody'" in d for d in ds))
sys.exit(0 if ok else 1)
PY
py=$?
[ $rc = 0 ] && [ $py = 0 ]
ok $? "popolo: an organisation's membership is its member-of; one of a person the file lacks is reported" ||
  diag "$T/orgm.out" "$T/orgm.check"

# --- a key the section does not take is reported, not written
fresh dom
printf 'name,born\nMinistry of Truth,1984\n' >"$T/orgs.csv"
printf 'section: organisations\ncolumns: {name: name, born: born}\n' >"$T/orgs.map.yaml"
imp "$T/dom" csv "$T/orgs.csv" --mapping="$T/orgs.map.yaml" >/dev/null 2>"$T/dom.err"
(cd "$T/dom" && "$KG" check) >"$T/dom.check" 2>&1 && ! grep -q 'born' "$T/dom/facts/orgs.yaml" &&
  grep -q 'not mapped: born (not a key of organisations) (1 value)' "$T/dom.err"
ok $? "born on an organisation: reported as not mapped, not written; check accepts the file" ||
  diag "$T/dom.err" "$T/dom.check"

# --- an entry lacking a key its class requires (an empty, blank or not
# string name): left out, each reported and counted; what refers to it is
# reported as a reference to an entry the file lacks; check accepts the file
fresh noname
cat >"$T/noname.json" <<'JSON'
{"persons": [{"id": "p4", "name": ""}, {"id": "p5", "name": "  "},
   {"id": 1, "name": ["x"]}, {"id": "p6", "name": "Ann"}],
 "organizations": [{"id": "o1", "name": "Party"}, {"id": "o2", "name": ""}],
 "memberships": [{"person_id": "p6", "organization_id": "o2"},
   {"person_id": "p6", "organization_id": "o1"}]}
JSON
imp "$T/noname" popolo "$T/noname.json" >/dev/null 2>"$T/noname.err"
rc=$?
(cd "$T/noname" && "$KG" check) >"$T/noname.check" 2>&1
crc=$?
"$PY" - "$T/noname/facts/noname.yaml" "$T/noname.err" >"$T/noname.out" 2>&1 <<'PY'
import json, sys, yaml
f = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
ds = [json.loads(l)["message"] for l in open(sys.argv[2]) if l.startswith("{")]
people = {e["id"]: e for e in f["people"]}
orgs = {e["id"] for e in f["organisations"]}
print(people, orgs, ds)
ok = (set(people) == {"ann"} and orgs == {"party"} and people["ann"].get("member-of") == "party"
      and "person 'p4' not mapped: it has no 'name'" in ds
      and "person 'p5' not mapped: it has no 'name'" in ds
      and "organisation 'o2' not mapped: it has no 'name'" in ds
      and "person 'persons[2]' not mapped: it has no 'name'" in ds
      and "not mapped: people without 'name' (3 values)" in ds
      and "not mapped: organisations without 'name' (1 value)" in ds
      and any("of person 'p6' not mapped: no organisation 'o2' in the input" in d for d in ds))
sys.exit(0 if ok else 1)
PY
py=$?
[ $rc = 0 ] && [ $crc = 0 ] && [ $py = 0 ]
ok $? "popolo: entries with an empty, blank or no name left out, reported with a count; check accepts the file" ||
  diag "$T/noname.out" "$T/noname.check"
printf 'pid,name\n1\n2,Bo\n' >"$T/short.csv"
printf 'section: people\nid: pid\ncolumns: {name: name}\n' >"$T/short.map.yaml"
imp "$T/noname" csv "$T/short.csv" --mapping="$T/short.map.yaml" >/dev/null 2>"$T/short.err"
rc=$?
(cd "$T/noname" && "$KG" check) >"$T/short.check" 2>&1 && [ $rc = 0 ] &&
  ! grep -q "'1'" "$T/noname/facts/short.yaml" && grep -q 'id: bo' "$T/noname/facts/short.yaml" &&
  grep -q "person '1' not mapped: it has no 'name'" "$T/short.err" &&
  grep -q "not mapped: people without 'name' (1 value)" "$T/short.err"
ok $? "csv: a short row with no name left out, reported; check accepts the file" ||
  diag "$T/short.err" "$T/short.check"

# --- one identifier, one entity: in the file, and against the fact base
fresh ident
cat >"$T/ident/facts/known.yaml" <<'YAML'
sources:
  - id: known-source
    title: "known"
people:
  - id: known-person
    name: {en: Known Person}
    wikidata: Q2
    source: known-source
YAML
cat >"$T/ident.json" <<'JSON'
{"persons": [
  {"id": "b", "name": "Bea", "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]},
  {"id": "a", "name": "Ann", "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]},
  {"id": "c", "name": "Cal", "identifiers": [{"scheme": "wikidata", "identifier": "Q2"}]}]}
JSON
imp "$T/ident" popolo "$T/ident.json" >/dev/null 2>"$T/ident.err"
(cd "$T/ident" && "$KG" check) >"$T/ident.check" 2>&1
ok $? "identifiers given to two entities: check accepts the import" || diag "$T/ident.check" "$T/ident.err"
"$PY" - "$T/ident/facts/ident.yaml" "$T/ident.err" >"$T/ident.out" 2>&1 <<'PY'
import json, sys, yaml
people = {e["id"]: e for e in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["people"]}
ds = [json.loads(l)["message"] for l in open(sys.argv[2]) if l.startswith("{")]
print({k: v.get("wikidata") for k, v in people.items()}, ds)
ok = (people["ann"].get("wikidata") == "Q1" and "wikidata" not in people["bea"]
      and "wikidata" not in people["cal"]
      and any("person 'a' of the input has it" in d for d in ds)
      and any("'known-person' of the fact base has it" in d for d in ds))
sys.exit(0 if ok else 1)
PY
ok $? "... the first by id keeps it, the fact base's keeps its own; each other one reported" ||
  diag "$T/ident.out"
# Input ids that are other entries' output ids: the report names both
# entries by their input ids, never one by its input id and one by its output id.
fresh ident2
cat >"$T/ident2.json" <<'JSON'
{"persons": [
  {"id": "b", "name": "C", "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]},
  {"id": "a", "name": "B", "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]}]}
JSON
imp "$T/ident2" popolo "$T/ident2.json" >/dev/null 2>"$T/ident2.err"
"$PY" - "$T/ident2/facts/ident2.yaml" "$T/ident2.err" "$T/ident.err" >"$T/ident2.out" 2>&1 <<'PY'
import json, sys, yaml
people = {e["id"]: e for e in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["people"]}
ds = [json.loads(l)["message"] for l in open(sys.argv[2]) if l.startswith("{")]
ds1 = [json.loads(l)["message"] for l in open(sys.argv[3]) if l.startswith("{")]
print({k: v.get("wikidata") for k, v in people.items()}, ds, ds1)
ok = (people["b"].get("wikidata") == "Q1" and "wikidata" not in people["c"]
      and "'wikidata: Q1' of person 'b' not mapped: person 'a' of the input has it "
          "(one identifier names one entity)" in ds
      and "'wikidata: Q2' of person 'c' not mapped: 'known-person' of the fact base "
          "has it (one identifier names one entity)" in ds1)
sys.exit(0 if ok else 1)
PY
ok $? "... the report names both entries by their input ids (or the fact base's id)" ||
  diag "$T/ident2.out"

# --- an identifier of the wrong form or check digit is reported, not written
fresh badid
cat >"$T/badid.json" <<'JSON'
{"persons": [{"id": "a", "name": "Ann", "identifiers": [
  {"scheme": "isni", "identifier": "0000 0001 2146 4380"},
  {"scheme": "orcid", "identifier": "0000-0002-1825-0098"},
  {"scheme": "wikidata", "identifier": "q42"},
  {"scheme": "viaf", "identifier": "113230702"}]}]}
JSON
imp "$T/badid" popolo "$T/badid.json" >/dev/null 2>"$T/badid.err"
(cd "$T/badid" && "$KG" check) >"$T/badid.check" 2>&1 &&
  ! grep -qE '^ *(isni|orcid|wikidata):' "$T/badid/facts/badid.yaml" &&
  [ "$(grep -c 'isni\|orcid\|wikidata' "$T/badid.err")" -ge 3 ]
ok $? "an ISNI and an ORCID with wrong check digits, a lower-case Q-id: reported, not written; check accepts the file" ||
  diag "$T/badid.err" "$T/badid.check" "$T/badid/facts/badid.yaml"

# --- usage errors: exit 2, nothing written
fresh u
for args in "" "popolo" "xml $IN/people.popolo.json" "csv $IN/officials.csv" \
  "popolo $IN/people.popolo.json --mapping=$IN/officials.mapping.yaml" \
  "popolo $IN/people.popolo.json --accessed=2026-13" "popolo $IN/people.popolo.json --bogus"; do
  # shellcheck disable=SC2086 # a list of words
  (cd "$T/u" && "$KG" import $args) >"$T/u.out" 2>&1
  rc=$?
  [ $rc = 2 ] && grep -q 'error:' "$T/u.out" && [ -z "$(ls "$T/u/facts")" ]
  ok $? "import $args: a usage error, exit 2 (got $rc)" || diag "$T/u.out"
done

# --- ids made from names: folded, and collisions resolved and reported
fresh collide
cat >"$T/collide.json" <<'JSON'
{"persons": [{"id": "b", "name": "Renée Ünal"}, {"id": "a", "name": "Renee Unal"},
             {"id": "c", "name": "RENEE  UNAL!"}, {"id": "d", "name": "王磊"}]}
JSON
imp "$T/collide" popolo "$T/collide.json" >/dev/null 2>"$T/collide.err"
"$PY" - "$T/collide/facts/collide.yaml" "$T/collide.err" >"$T/collide.out" 2>&1 <<'PY'
import json, sys, yaml
ids = [e["id"] for e in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["people"]]
notes = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
coll = [d for d in notes if d.get("code") == "id-collision"]
ok = ids == ["d", "renee-unal", "renee-unal-2", "renee-unal-3"] and len(coll) == 2
print(ids, [d["message"] for d in coll])
sys.exit(0 if ok else 1)
PY
ok $? "names that fold to one id: the input ids decide, in order, each collision reported; a name with no Latin letters keeps its input id" ||
  diag "$T/collide.out"

# --- hostile inputs: an error at FILE:LINE:COL, exit 1, no crash
hostile() { # hostile FORMAT FILE WHAT [PATTERN]: exit 1, the error's position
  fresh h
  (cd "$T/h" && "$KGA" import "$1" "$2" --accessed=2026-01-01) >"$T/h.out" 2>&1
  rc=$?
  [ $rc = 1 ] && grep -q "${4:-error:}" "$T/h.out" && [ ! -e "$T/h/facts/$(basename "${2%.*}").yaml" ]
  ok $? "$3: exit 1 (got $rc), nothing written" || diag "$T/h.out"
}
H=$T/hostile
mkdir -p "$H"
printf '{"persons": [{"id": "x", "name": "bad \377 byte"}]}\n' >"$H/badutf8.json"
hostile popolo "$H/badutf8.json" "bad UTF-8" "badutf8.json:1:39: error: invalid UTF-8"
printf '{"persons": [\n {"id": "x", "born": 1%0400d}]}\n' 0 >"$H/huge.json"
hostile popolo "$H/huge.json" "a 401-digit number" "huge.json:2:.*: error: not JSON: .*too big"
"$PY" -c 'print("{\"entities\": " + "[" * 100000 + "]" * 100000 + "}")' >"$H/deep.json"
hostile wikidata "$H/deep.json" "100000 levels of nesting" "deep.json:1:.*: error: not JSON: .*depth"
printf '{"persons": [{"id": "x", "name": "A"}, {"id": "x", "name": "B"}]}\n' >"$H/dupid.json"
hostile popolo "$H/dupid.json" "two persons with one id" "error: two people with the id 'x'"
printf '{"persons": [{"id": "x", "name": "A", "name": "B"}]}\n' >"$H/dupkey.json"
hostile popolo "$H/dupkey.json" "a member twice in an object" "dupkey.json:1:.*: error: not JSON: duplicate"
head -c 700 "$IN/wang.wikidata.json" >"$H/cut.json"
hostile wikidata "$H/cut.json" "a file cut short" "cut.json:.*: error: not JSON"
printf '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": "b", "schema": "Per\n' >"$H/cut.jsonl"
hostile ftm "$H/cut.jsonl" "a JSON line cut short" "cut.jsonl:2:.*: error: not JSON"
truncate -s 1G "$H/big.json"
start=$(date +%s)
hostile popolo "$H/big.json" "a file of 1 GB (sparse)" "big.json: error: 1073741824 bytes: more than"
[ $(($(date +%s) - start)) -lt 5 ]
ok $? "... refused on its size, not read"
rm -f "$H/big.json"
mkfifo "$H/fifo.json"
fresh h
(cd "$T/h" && timeout 10 "$KGA" import popolo "$H/fifo.json") >"$T/h.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'fifo.json: error: not a regular file' "$T/h.out"
ok $? "a FIFO: refused at once, not read (exit 2: usage, got $rc)" || diag "$T/h.out"
for f in "$H" /dev/zero; do
  (cd "$T/h" && timeout 10 "$KGA" import popolo "$f" --out="$T/h/facts") >"$T/h.out" 2>&1
  rc=$?
  [ $rc = 2 ] && grep -q "$f: error: not a regular file" "$T/h.out" && [ ! -e "$T/h/facts/$(basename "$f").yaml" ]
  ok $? "$(basename "$f"), not a regular file: refused (exit 2: usage, got $rc)" || diag "$T/h.out"
done
printf 'id,name\n1,"open quote\n2,b\n' >"$H/open.csv"
printf 'section: people\ncolumns: {name: name}\n' >"$H/map.yaml"
fresh h
(cd "$T/h" && "$KGA" import csv "$H/open.csv" --mapping="$H/map.yaml") >"$T/h.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'open.csv:[0-9]*:1: error: not CSV' "$T/h.out"
ok $? "CSV with a quote never closed: exit 1 (got $rc), at its line" || diag "$T/h.out"
printf 'section: people\ncolumns: {name: nom, born: born}\n' >"$H/map2.yaml"
printf 'name,born\nA,1970\n' >"$H/ok.csv"
fresh h
(cd "$T/h" && "$KGA" import csv "$H/ok.csv" --mapping="$H/map2.yaml") >"$T/h.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'map2.yaml:2:17: error: no column .nom.' "$T/h.out"
ok $? "a mapping naming a column the file lacks: exit 1 (got $rc), at the mapping's line" || diag "$T/h.out"
printf 'section: people\ncolumns: {name: name}\n' >"$H/map3.yaml"
printf 'name,born,name\nA,1970,B\n' >"$H/twice.csv"
fresh h
(cd "$T/h" && "$KGA" import csv "$H/twice.csv" --mapping="$H/map3.yaml") >"$T/h.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "map3.yaml:2:17: error: the header of .*twice.csv names 'name' 2 times" "$T/h.out"
ok $? "a header naming a mapped column twice: exit 1 (got $rc), at the mapping's line" || diag "$T/h.out"
san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report on the hostile inputs" || diag "$T/san.out"

# --- round trip: every person, name and position held, by SPARQL
fresh rt
imp "$T/rt" popolo "$IN/people.popolo.json" >/dev/null 2>&1 &&
  imp "$T/rt" wikidata "$IN/wang.wikidata.json" >/dev/null 2>&1 &&
  imp "$T/rt" ftm "$IN/pep.ftm.jsonl" >/dev/null 2>&1 &&
  (cd "$T/rt" && "$KG" -q --format=nt -o "$T/rt.nt") >"$T/rt.out" 2>&1
ok $? "three imports into one fact base, built to N-Triples" || diag "$T/rt.out"
if [ ! -d "$STORES/node_modules/oxigraph" ]; then
  skip "Oxigraph is not installed (sh tests/stores/install.sh)"
else
  cat >"$T/people.rq" <<'RQ'
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (STR(?l) AS ?label) WHERE { ?p a foaf:Person ; skos:prefLabel|skos:altLabel ?l }
RQ
  cat >"$T/held.rq" <<'RQ'
PREFIX kg: <https://w3id.org/kgbuild/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (STR(?pl) AS ?person) (STR(?ql) AS ?post) (STR(?s) AS ?start) (STR(?e) AS ?end)
WHERE {
  { ?a kg:holder ?p ; kg:post ?q .
    OPTIONAL { ?a kg:start ?s } OPTIONAL { ?a kg:end ?e } }
  UNION
  { ?st rdf:subject ?p ; rdf:predicate org:holds ; rdf:object ?q ;
        kg:statementRank ?r .
    OPTIONAL { ?st kg:validFrom ?s } OPTIONAL { ?st kg:validUntil ?e } }
  ?p skos:prefLabel ?pl . FILTER(LANG(?pl) IN ("", "en"))
  ?q skos:prefLabel ?ql . FILTER(LANG(?ql) IN ("", "en"))
}
RQ
  node "$STORES/oxigraph-query.mjs" --format=json --out="$T" "$T/rt.nt" "$T/people.rq" "$T/held.rq" \
    >"$T/ox.out" 2>&1
  ok $? "Oxigraph loads the N-Triples and answers" || diag "$T/ox.out"
  "$PY" - "$T" "$IN" >"$T/rt.cmp" 2>&1 <<'PY'
import json, sys
T, IN = sys.argv[1:3]
def rows(name):
    d = json.load(open(f"{T}/{name}.json"))
    # each term as sparql-results.mjs writes it: a quoted, escaped string
    return [{k: json.loads(v) if v else None for k, v in zip(d["vars"], r)}
            for r in d["rows"]]
got_names = {r["label"] for r in rows("people")}
got_held = {(r["person"], r["post"], r.get("start"), r.get("end")) for r in rows("held")}
want_names, want_held = set(), set()
pop = json.load(open(f"{IN}/people.popolo.json", encoding="utf-8"))
posts = {p["id"]: p["label"] for p in pop["posts"]}
persons = {p["id"]: p["name"] for p in pop["persons"]}
for p in pop["persons"]:
    want_names.add(p["name"])
    want_names.update(o["name"] for o in p.get("other_names", []))
for m in pop["memberships"]:
    if "post_id" in m:
        want_held.add((persons[m["person_id"]], posts[m["post_id"]], m.get("start_date"), m.get("end_date")))
wd = json.load(open(f"{IN}/wang.wikidata.json", encoding="utf-8"))["entities"]
def wdate(q):
    v = q["datavalue"]["value"]
    return v["time"][1:1 + {9: 4, 10: 7, 11: 10}[v["precision"]]]
for e in wd.values():
    if not any(c["mainsnak"]["datavalue"]["value"]["id"] == "Q5" for c in e["claims"].get("P31", [])):
        continue
    want_names.update(l["value"] for l in e["labels"].values())
    want_names.update(a["value"] for al in e.get("aliases", {}).values() for a in al)
    for c in e["claims"].get("P39", []):
        q = c["mainsnak"]["datavalue"]["value"]["id"]
        label = wd[q]["labels"]["en"]["value"] if q in wd else q
        quals = c.get("qualifiers", {})
        s = wdate(quals["P580"][0]) if "P580" in quals else None
        t = wdate(quals["P582"][0]) if "P582" in quals else None
        want_held.add((e["labels"]["en"]["value"], label, s, t))
ftm = [json.loads(l) for l in open(f"{IN}/pep.ftm.jsonl", encoding="utf-8") if l.strip()]
ents = {e["id"]: e for e in ftm}
for e in ftm:
    if e["schema"] == "Person":
        want_names.update(e["properties"].get("name", []) + e["properties"].get("alias", []))
    if e["schema"] == "Occupancy":
        pr = e["properties"]
        want_held.add((ents[pr["holder"][0]]["properties"]["name"][0],
                       ents[pr["post"][0]]["properties"]["name"][0],
                       pr["startDate"][0], pr["endDate"][0]))
bad = []
if not want_names <= got_names:
    bad.append(f"names missing: {sorted(want_names - got_names)}")
if got_held != want_held:
    bad.append(f"held: missing {sorted(want_held - got_held, key=str)}; extra {sorted(got_held - want_held, key=str)}")
print("\n".join(bad) if bad else f"ok: {len(want_names)} names, {len(want_held)} positions held")
sys.exit(1 if bad else 0)
PY
  ok $? "round trip: every person's names and every position held with its dates, as the inputs give them (Oxigraph)" ||
    diag "$T/rt.cmp"
fi
done_testing
