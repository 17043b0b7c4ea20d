#!/usr/bin/env python3
"""Generate src/text/korean_tables.c from data/korean/.

Inputs
  data/korean/koconv_jamo_romanization_RR_DPRK_Yale.tsv  every jamo in Revised
      Romanization (RR 2000), the DPRK official system (1992/2002/2012) and
      Yale, from mkpoli/koconv @ d558c62 (MIT).
  data/korean/surnames.tsv  hand-written surname spellings (common usage,
      cross-checked against the DPRK alias pairs).

Outputs (C tables, all sorted for binary search or scanned linearly when tiny)
  * the jamo romanisation per position and system (RR, MR, DPRK, Yale), where
    MR = the DPRK column in ASCII: breves dropped (ŏ→o, ŭ→u) and, for onsets,
    the DPRK aspirate digraphs kh/th/ph written k/t/p as McCune-Reischauer
    does once its apostrophes are dropped (K'ang → Kang), and ㅚ written oe
    as McCune-Reischauer does (Choe; the DPRK system writes oi);
  * the Latin spelling grammar used by the syllable skeleton and the
    segmenter: every onset, vowel and coda spelling found in any column of the
    jamo table, with its class, plus a short marked list of conventional
    spellings the systems do not produce (oo, ee, ou, sh, ts ...);
  * the surname tables: Hangul → conventional spellings, and spelling → class
    (a union-find over spellings shared by two surnames).

Run: python3 tools/gen_korean_tables.py > src/text/korean_tables.c
tests/test_korean.c checks properties of the result (every syllable's RR, MR
and DPRK spellings parse and share one skeleton).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "korean")

def ascii_dprk(s):
    return s.replace("ŏ", "o").replace("ŭ", "u")

def read_jamo():
    rows = {"onset": [], "nucleus": [], "coda": []}
    with open(os.path.join(DATA, "koconv_jamo_romanization_RR_DPRK_Yale.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\r\n")
            if not line:
                continue
            pos, jamo, name, rr, dprk, yale = line.split("\t")
            rows[pos].append((jamo, name, rr, ascii_dprk(dprk), yale))
    assert len(rows["onset"]) == 19 and len(rows["nucleus"]) == 21 and len(rows["coda"]) == 28
    return rows

# Classes by jamo index (Unicode order of the choseong/jungseong/jongseong).
# Onsets: ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ
ONSET_CLASS = ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "",
               "c", "c", "c", "k", "t", "p", "h"]
# Vowels ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ: (loose class, strict = RR).
# Loose classes follow DOMAIN.md §3: {eo,ŏ,o}, {eu,ŭ,u}, {ae,e}, {yeo,yo},
# {yae,ye}, {oe,oi,wae,we}, {ui,ŭi,i}.
VOWEL_LOOSE = ["a", "ae", "ya", "ye", "o", "ae", "yo", "ye", "o", "wa", "we", "we",
               "yo", "u", "wo", "we", "wi", "yu", "u", "i", "i"]
# Codas (none)ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ: the class
# of the sound the RR column gives (ㄺ→k, ㄻ→m, ㄼ→l, ㅄ→p, ㅅ/ㅆ/ㅈ/ㅊ/ㅌ/ㅎ→t).
CODA_CLASS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
              "l", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]

# Conventional spellings absent from the jamo table (source: common usage in
# South Korean passports and in the UN/OFAC DPRK entries; each is seen in
# data/korean/dprk_alias_pairs_*.tsv or in the surname list).
EXTRA_ONSET = [("sh", "s"), ("tch", "c"), ("ts", "c"), ("z", "c"), ("gg", "k"),
               ("dd", "t"), ("bb", "p"), ("l", "l")]
EXTRA_VOWEL = [("oo", "u", "u"), ("woo", "u", "u"), ("ou", "o", "eo"),
               ("you", "yo", "yeo"), ("ee", "i", "i"), ("eui", "i", "ui"),
               ("yi", "i", "i"), ("ai", "ae", "ae"), ("weo", "wo", "wo"),
               ("yoo", "yu", "yu"), ("uu", "u", "u")]
EXTRA_CODA = [("g", "k"), ("b", "p"), ("d", "t")]
# Spellings the segmenter may use: the plain codas of names (compound codas
# and Yale's y-final vowels only ever make a joined name ambiguous).
SEG_CODAS = {"", "k", "n", "l", "m", "p", "t", "ng"}

def spelling_tables(rows):
    onsets, vowels, codas = {}, {}, {}
    # Priority RR > MR/DPRK > Yale: a spelling keeps its first class.
    for col in (2, 3, 4):
        for i, r in enumerate(rows["onset"]):
            for s in {r[col], r[col].replace("kh", "k").replace("th", "t").replace("ph", "p")}:
                if s not in onsets:
                    onsets[s] = (ONSET_CLASS[i], "jamo")
        for i, r in enumerate(rows["nucleus"]):
            s = r[col]
            if s not in vowels:
                vowels[s] = (VOWEL_LOOSE[i], rows["nucleus"][i][2], "jamo")
        for i, r in enumerate(rows["coda"]):
            s = r[col]
            if s not in codas:
                codas[s] = (CODA_CLASS[i], "jamo")
    for s, c in EXTRA_ONSET:
        onsets.setdefault(s, (c, "conventional"))
    for s, c, st in EXTRA_VOWEL:
        vowels.setdefault(s, (c, st, "conventional"))
    for s, c in EXTRA_CODA:
        codas.setdefault(s, (c, "conventional"))
    return onsets, vowels, codas

def name_syllable(rows, ch, sys_col, first):
    """Romanise one Hangul syllable as a name syllable (no sound changes)."""
    idx = ord(ch) - 0xAC00
    l, v, t = idx // 588, (idx % 588) // 28, idx % 28
    on = rows["onset"][l][sys_col]
    if sys_col == 3:  # MR: aspirate digraphs without h
        on = on.replace("kh", "k").replace("th", "t").replace("ph", "p")
    return on + rows["nucleus"][v][sys_col] + rows["coda"][t][sys_col]

def read_surnames(rows):
    out = []
    with open(os.path.join(DATA, "surnames.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            hangul, partner, spellings = line.split("\t")
            conv = spellings.split(",")
            auto = []
            for col in (2, 3):
                auto.append("".join(name_syllable(rows, ch, col, i == 0)
                                    for i, ch in enumerate(hangul)))
            dprk = "".join(rows["onset"][(ord(ch) - 0xAC00) // 588][3]
                           + rows["nucleus"][((ord(ch) - 0xAC00) % 588) // 28][3]
                           + rows["coda"][(ord(ch) - 0xAC00) % 28][3] for ch in hangul)
            out.append((hangul, partner, conv, auto, dprk))
    return out

def surname_classes(surnames):
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    owner = {}
    for i, (h, partner, conv, auto, dprk) in enumerate(surnames):
        key = "H" + h
        find(key)
        if partner != "-":
            union(key, "H" + partner)
        for s in conv + auto + [dprk]:
            if s in owner:
                union(key, owner[s])
            else:
                owner[s] = key
    # Number classes in order of first appearance.
    ids, hclass = {}, {}
    for h, *_ in surnames:
        r = find("H" + h)
        if r not in ids:
            ids[r] = len(ids)
        hclass[h] = ids[r]
    spell = {s: ids[find(k)] for s, k in owner.items()}
    return hclass, spell, len(ids)

def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def main():
    rows = read_jamo()
    onsets, vowels, codas = spelling_tables(rows)
    surnames = read_surnames(rows)
    hclass, spell, nclass = surname_classes(surnames)
    w = sys.stdout.write
    w("/*\n * korean_tables.c - GENERATED by tools/gen_korean_tables.py from\n"
      " * data/korean/koconv_jamo_romanization_RR_DPRK_Yale.tsv (mkpoli/koconv @ d558c62,\n"
      " * MIT) and data/korean/surnames.tsv (hand-written: common usage,\n"
      " * cross-checked against the DPRK alias pairs). Do not edit by hand.\n */\n")
    w('#include "text/korean.h"\n\n')
    for pos, name, n in (("onset", "onsets", 19), ("nucleus", "vowels", 21), ("coda", "codas", 28)):
        w("const idt__ko_jamo idt__ko_%s[%d] = {\n" % (name, n))
        for jamo, jname, rr, dprk, yale in rows[pos]:
            mr = dprk
            if pos == "onset":
                mr = dprk.replace("kh", "k").replace("th", "t").replace("ph", "p")
            if pos == "nucleus" and rr == "oe":
                mr = "oe"  # McCune-Reischauer ㅚ (Choe); the DPRK system writes oi
            w("  {%s, %s, %s, %s}, /* %s */\n" % (cstr(rr), cstr(mr), cstr(dprk), cstr(yale), jname))
        w("};\n\n")
    def spell_table(name, d, fields):
        items = sorted(((k, v) for k, v in d.items() if k), key=lambda kv: (kv[0][0], -len(kv[0]), kv[0]))
        w("/* By first letter, then longest first (a scan tries \"tch\" before \"t\");\n"
          " * idt__ko_%s_first[c - 'a'] .. [c - 'a' + 1] is the range for letter c. */\n" % name)
        w("const idt__ko_spell idt__ko_%s_spell[] = {\n" % name)
        first = [None] * 27
        for i, (s, v) in enumerate(items):
            li = ord(s[0]) - ord("a")
            if first[li] is None:
                first[li] = i
            cls = v[0]
            strict = v[1] if fields == 3 else v[0]
            origin = v[-1]
            seg = 1
            if name == "coda" and s not in SEG_CODAS:
                seg = 0
            if name == "vowel" and s.endswith("y"):
                seg = 0
            w("  {%s, %d, %s, %s, %d}, /* %s */\n" % (cstr(s), len(s), cstr(cls), cstr(strict), seg, origin))
        w("};\n")
        first[26] = len(items)
        for li in range(25, -1, -1):
            if first[li] is None:
                first[li] = first[li + 1]
        w("const unsigned char idt__ko_%s_first[27] = {%s};\n\n" % (name, ", ".join(str(x) for x in first)))
    spell_table("onset", onsets, 2)
    spell_table("vowel", vowels, 3)
    spell_table("coda", codas, 2)
    w("/* Surnames by Hangul (UTF-8 byte order). spellings: conventional, most\n"
      " * common first, comma-separated. */\n")
    w("const idt__ko_surname idt__ko_surnames[] = {\n")
    for h, partner, conv, auto, dprk in sorted(surnames, key=lambda s: s[0].encode()):
        w("  {%s, %d, %s}, /* RR %s, MR %s */\n" % (cstr(h), hclass[h], cstr(",".join(conv)), auto[0], auto[1]))
    w("};\nconst size_t idt__ko_surnames_n = sizeof idt__ko_surnames / sizeof idt__ko_surnames[0];\n\n")
    w("/* Every known spelling of a surname and its class (%d classes). */\n" % nclass)
    w("const idt__ko_surname_spelling idt__ko_surname_spellings[] = {\n")
    for s in sorted(spell):
        w("  {%s, %d},\n" % (cstr(s), spell[s]))
    w("};\nconst size_t idt__ko_surname_spellings_n = sizeof idt__ko_surname_spellings / sizeof idt__ko_surname_spellings[0];\n")
    # Class report on stderr for review.
    by = {}
    for h, c in hclass.items():
        by.setdefault(c, []).append(h)
    for c, hs in sorted(by.items()):
        if len(hs) > 1:
            sys.stderr.write("class %d: %s\n" % (c, " ".join(hs)))

if __name__ == "__main__":
    main()
