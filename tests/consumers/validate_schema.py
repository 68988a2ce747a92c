#!/usr/bin/python3
"""Validate YAML fact files against kgbuild's JSON Schema, as an editor's
YAML language server would: the files are read with a YAML parser (PyYAML)
and checked with a real JSON Schema validator (python3-jsonschema, draft 7).

usage: validate_schema.py SCHEMA FILE...
Prints one line per file, "ok FILE" or "invalid FILE: first error", and
exits 1 if any file is invalid.
"""
import datetime
import json
import sys

import jsonschema
import yaml


def plain(x):
    # PyYAML reads 2013-06-15 as a date, as YAML 1.1 says; an editor's
    # YAML 1.2 parser keeps it a string.  Give the validator the string.
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    if isinstance(x, (datetime.date, datetime.datetime)):
        return x.isoformat()
    return x


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        data = plain(yaml.safe_load(open(path, encoding="utf-8")))
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        if errors:
            bad += 1
            where = "/".join(str(p) for p in errors[0].path)
            print(f"invalid {path}: {where}: {errors[0].message[:200]}")
        else:
            print(f"ok {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
