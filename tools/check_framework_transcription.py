#!/usr/bin/env python3
"""Check framework.yaml against the seed text it was transcribed from.

Usage:
    python3 tools/check_framework_transcription.py [SEED_TXT] [FRAMEWORK_YAML]

Checks, in both directions:

* every text string in framework.yaml (statements, bullets, guidance items,
  data sources, questions, labels, methodology steps, titles, ...) appears in
  the seed after whitespace normalisation; the only fix allowed is a
  capitalised first letter;
* every list item (bullet, step, guidance line, data-source line) equals a
  whole line of the seed, not just part of one;
* every "· ..." bullet line of the seed appears in the YAML, in the same order;
* every "Relevant guidance documentation" and "Recommended data sources" line
  of the seed appears under the right characteristic, in the same order;
* no Word artefacts (reviewer comments, bookmarks), placeholders, anchors,
  aliases or flow collections are in the YAML file.

Prints the counts and exits non-zero if anything does not match.  Needs only
PyYAML.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = Path("/work/shared/seeds/000_41c3c6f91a37c52b.txt")
DEFAULT_YAML = ROOT / "framework.yaml"

BULLET = "\u00b7"  # "·" as used by the Word-to-text dump
GUIDANCE_HEAD = "Relevant guidance documentation"
DATA_HEAD = "Recommended data sources"
APPROACHES = (
    "What methods and practices do we currently have in place relating to this characteristic?"
)

# Strings that are metadata, not seed text, so are not looked up in the seed.
METADATA_KEYS = {"id", "version", "short", "number", "value"}
TOP_METADATA = {"title", "subtitle", "publisher"}  # top-level keys only

# Obvious errors in the seed that framework.yaml corrects (seed wording -> YAML wording).
# Each is also explained by a comment beside the item in framework.yaml.
CORRECTIONS = {
    "The Public Museums and Libraries Act, 1964": "The Public Libraries and Museums Act, 1964",
}

EXPECTED_AREA_IDS = ["outcomes", "user-satisfaction", "workforce", "value-for-money"]
EXPECTED_CHAR_IDS = [
    "leadership",
    "governance",
    "evidence",
    "community",
    "strategy",
    "collaboration",
    "people",
    "resources",
    "service-design",
    "review",
]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def clean_seed_line(line: str) -> str:
    """Drop Word artefacts from one seed line and trim it."""
    line = re.sub(r"\[bookmark: [^\]]*\]", "", line)
    line = re.sub(r"\tComment by [^:]+:.*$", "", line)
    return norm(line)


def first_lower(s) -> str:
    if not isinstance(s, str):  # e.g. a bullet that YAML parsed as a mapping
        return repr(s)
    return s[:1].lower() + s[1:]


def walk_strings(node, path=()):
    """Yield (path, string) for every string value in the loaded YAML."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk_strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_strings(v, path + (i,))
    elif isinstance(node, str):
        yield path, node


def fmt(path) -> str:
    return ".".join(str(p) for p in path)


def main(argv: list[str]) -> int:
    seed_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    yaml_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_YAML

    seed_raw = seed_path.read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS.items():
        seed_raw = seed_raw.replace(wrong, right)
    yaml_text = yaml_path.read_text(encoding="utf-8")
    doc = yaml.safe_load(yaml_text)

    seed_lines = [clean_seed_line(line) for line in seed_raw.splitlines()]
    seed_norm = " ".join(line for line in seed_lines if line)
    seed_line_set = set(seed_lines)
    errors: list[str] = []

    def in_seed(s: str) -> bool:
        s = norm(s)
        return s in seed_norm or first_lower(s) in seed_norm

    # --- file hygiene -----------------------------------------------------
    for n, line in enumerate(yaml_text.splitlines(), 1):
        if line != line.rstrip():
            errors.append(f"framework.yaml:{n}: trailing whitespace")
        if "\t" in line:
            errors.append(f"framework.yaml:{n}: tab character")
    for ev in yaml.parse(yaml_text):
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            errors.append(f"anchor/alias in framework.yaml at {ev.start_mark}")
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and ev.flow_style:
            errors.append(f"flow-style collection in framework.yaml at {ev.start_mark}")

    # --- YAML -> seed: every text string ------------------------------------
    n_strings = 0
    for path, s in walk_strings(doc):
        if path[-1] in METADATA_KEYS or (len(path) == 1 and path[0] in TOP_METADATA):
            continue
        n_strings += 1
        if s != s.strip() or "  " in s or "\n" in s:
            errors.append(f"{fmt(path)}: stray whitespace in {s!r}")
        if re.search(r"Comment by|\[bookmark|<[^>]*>", s):
            errors.append(f"{fmt(path)}: Word artefact or placeholder in {s!r}")
        if not in_seed(s):
            errors.append(f"{fmt(path)}: not found in seed: {s!r}")

    # --- YAML -> seed: list items are whole seed lines ----------------------
    def whole_line(s, prefixes=("",)) -> bool:
        if not isinstance(s, str):
            return False
        for cand in (s, first_lower(s)):
            for p in prefixes:
                if p + cand in seed_line_set:
                    return True
        return False

    intro = doc["introduction"]
    meth = doc["methodology"]
    for i, s in enumerate(intro["sections"]):
        if not whole_line(s, (f"{i + 1}. ",)):
            errors.append(f"introduction.sections.{i}: not a whole seed line: {s!r}")
    for i, s in enumerate(meth["steps"]):
        if not whole_line(s, (BULLET + " ",)):
            errors.append(f"methodology.steps.{i}: not a whole seed bullet: {s!r}")
    for key in ("summary", "conclusion"):
        if not whole_line(intro[key]):
            errors.append(f"introduction.{key}: not a whole seed paragraph")
    for key in ("results", "characteristics_lead"):
        if not whole_line(meth[key]):
            errors.append(f"methodology.{key}: not a whole seed paragraph")

    areas = doc["results"]["areas"]
    items = doc["characteristics"]["items"]
    for kind, entries in (("results.areas", areas), ("characteristics.items", items)):
        for e in entries:
            if not whole_line(e["statement"]):
                errors.append(f"{kind}.{e['id']}.statement: not a whole seed paragraph")
            if not whole_line(e["includes_lead"]):
                errors.append(f"{kind}.{e['id']}.includes_lead: not a whole seed line")
            for j, s in enumerate(e["includes"]):
                if not whole_line(s, (BULLET + " ",)):
                    errors.append(f"{kind}.{e['id']}.includes.{j}: not a whole seed bullet: {s!r}")
            for field in ("guidance", "data_sources"):
                for j, s in enumerate(e.get(field, [])):
                    if not whole_line(s):
                        errors.append(f"{kind}.{e['id']}.{field}.{j}: not a whole seed line: {s!r}")

    # --- ids, numbers and headings ------------------------------------------
    if [a["id"] for a in areas] != EXPECTED_AREA_IDS:
        errors.append(f"area ids {[a['id'] for a in areas]} != {EXPECTED_AREA_IDS}")
    if [c["id"] for c in items] != EXPECTED_CHAR_IDS:
        errors.append(f"characteristic ids {[c['id'] for c in items]} != {EXPECTED_CHAR_IDS}")
    for n, a in enumerate(areas, 1):
        head = f"1.{n}. {a['title']}"
        if a["number"] != f"1.{n}" or head not in seed_line_set:
            errors.append(
                f"area {a['id']}: number/title {a['number']!r} {a['title']!r} != seed heading"
            )
    for n, c in enumerate(items, 1):
        if c["number"] != n:
            errors.append(f"characteristic {c['id']}: number {c['number']!r} != {n}")
        heads = [line for line in seed_lines if line.startswith(f"Characteristic {n}: ")]
        want = heads[0].split(": ", 1)[1] if heads else None
        if want is None or c["title"] != want[:1].upper() + want[1:]:
            errors.append(f"characteristic {c['id']}: title {c['title']!r} != seed {want!r}")

    # --- seed -> YAML: every bullet, in order --------------------------------
    seed_bullets = [line[2:].strip() for line in seed_lines if line.startswith(BULLET + " ")]
    yaml_bullets = list(meth["steps"])
    for e in areas + items:
        yaml_bullets += e["includes"]
    if len(seed_bullets) != len(yaml_bullets):
        errors.append(f"bullet count: seed {len(seed_bullets)} != yaml {len(yaml_bullets)}")
    for i, (sb, yb) in enumerate(zip(seed_bullets, yaml_bullets, strict=False)):
        if sb != yb and sb != first_lower(yb):
            errors.append(f"bullet #{i + 1}: seed {sb!r} != yaml {yb!r}")

    # --- seed -> YAML: guidance and data-source lines, per characteristic ----
    blocks: list[dict[str, list[str]]] = []
    mode = None
    for line in seed_lines:
        if line.startswith("Characteristic ") and re.match(r"Characteristic \d+: ", line):
            blocks.append({"guidance": [], "data_sources": []})
            mode = None
        elif line == GUIDANCE_HEAD:
            mode = "guidance"
        elif line == DATA_HEAD:
            mode = "data_sources"
        elif line == APPROACHES:
            mode = None
        elif mode and line:
            blocks[-1][mode].append(line)
    if len(blocks) != len(items):
        errors.append(f"characteristic count: seed {len(blocks)} != yaml {len(items)}")
    for blk, c in zip(blocks, items, strict=False):
        for field in ("guidance", "data_sources"):
            if blk[field] != c[field]:
                errors.append(
                    f"characteristic {c['id']}.{field}: seed {blk[field]!r} != yaml {c[field]!r}"
                )
        if c["approaches_prompt"] != APPROACHES:
            errors.append(f"characteristic {c['id']}.approaches_prompt differs from seed")

    # --- evaluation matrix and scale ---------------------------------------
    labels = [s["label"] for s in doc["scale"]]
    if [s["value"] for s in doc["scale"]] != [0, 1, 2, 3, 4]:
        errors.append("scale values are not 0..4")
    for lab in labels:
        if lab not in seed_line_set:
            errors.append(f"scale label {lab!r} is not a seed line")
    for el in doc["evaluation"]["elements"]:
        # the question is the line right after the element's title in the matrix
        found = any(
            seed_lines[i].lower() == el["title"].lower() and seed_lines[i + 1] == el["question"]
            for i in range(len(seed_lines) - 1)
        )
        if not found:
            errors.append(f"evaluation element {el['id']}: title/question pair not in seed")

    # --- report --------------------------------------------------------------
    print(f"text strings checked: {n_strings}")
    print(
        f"introduction sections: {len(intro['sections'])}; methodology steps: {len(meth['steps'])}"
    )
    elements = doc["evaluation"]["elements"]
    print(f"scale points: {len(doc['scale'])}; evaluation elements: {len(elements)}")
    print(f"areas: {len(areas)}")
    for a in areas:
        print(f"  {a['number']:<4} {a['id']:<18} bullets {len(a['includes'])}")
    print(f"characteristics: {len(items)}")
    for c in items:
        print(
            f"  {c['number']:<4} {c['id']:<18} bullets {len(c['includes'])}"
            f"  guidance {len(c['guidance'])}  data sources {len(c['data_sources'])}"
        )
    print(
        f"seed bullets: {len(seed_bullets)}; yaml bullets: {len(yaml_bullets)}; "
        f"guidance lines: {sum(len(c['guidance']) for c in items)}; "
        f"data-source lines: {sum(len(c['data_sources']) for c in items)}"
    )
    for e in errors:
        print("MISMATCH:", e)
    print(f"mismatches: {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
