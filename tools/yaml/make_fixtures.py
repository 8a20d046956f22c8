# Writes the adversarial fixtures (tests/fixtures/yaml/*.json). Deterministic.
import json, random, sys
sys.path.insert(0, "tools")
from goyaml_less import drop_cycles

def keymap(keys, val=lambda k: "v"):
    ok, _ = drop_cycles(keys)
    return {k: val(k) for k in ok}

def obj(name, spec, annotations=None):
    meta = {"name": name, "labels": {"zz": "1"}}
    if annotations:
        meta["annotations"] = annotations
    return {"apiVersion": "example.com/v1", "kind": "Thing", "metadata": meta, "spec": spec}

def write(name, o, d="tests/fixtures/yaml"):
    with open("%s/%s.json" % (d, name), "w") as f:
        json.dump(o, f, indent=1, ensure_ascii=(name.endswith("ascii")))

RESOLVE = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
    "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "", "yES",
    "nULL", "tRUE", "o", "t", "f", "x", "Y2", "no!", "ok", "~x", "<<", "=", "~~"]
NUMERIC = ["0", "1", "-1", "+1", "0110", "0o17", "0O17", "0x1F", "0X1f", "0b101", "0B11", "0b", "0x",
    "0o", "1_000", "_1", "1_", "1__0", "+", "-", "--1", "1e3", "1E3", "1e+3", "1e-3", "1.5", "1.",
    "+.5", "-.5", ".5", "._5", ".5e3", ".e3", ".", "..", "1.2.3", "1e", "e3", "1e400", "-1e400",
    ".1e400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "123456789012345678901234567890", "0x" + "F" * 20, "-0x" + "F" * 20, "0x" + "F" * 20 + "G",
    "0b" + "1" * 70, "-0b" + "1" * 64, "-0b" + "1" * 63, "-0b1" + "0" * 63, "0b-101", "0b+101",
    "-0b+1", "09", "0_9", "08.5", "0777777777777777777777777", "07777777777777777777777778",
    "9" * 400, "-" + "9" * 400, "9" * 400 + ".5", "1:20", "1:20:30", "-1:20", "+1:2", "1:60",
    "1:2.5", "1:2_3", "1:", "1:20:", "12:345", "190:20:30.15", "0:0", "1_0:30", "1:5:", ":1",
    "1::2", "a:1", "1:2:3.4.5", ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", "inf",
    "nan", "Infinity", "-Infinity", "0.0", "-0", "+0", "1,000", "1 000", "0.1.2", "0e0", "0E0",
    "1e3_0", "1_e3", "1._5", "0x_1F", "0x1_F", " 1", "1 ", "\u0661\u0662\u0663", "0x1p-2",
    "1e+", "+-1", "1-", "2x", "3.14abc", "0xG", "00", "-00", "+_1", "1\u0661", ".2_40e99", ".33_3", ".5_", ".5__5",
    ".5_e3", ".5e_3", ".5e3_0", ".5e3_", "1_000.5", "1_0e1_0", ".1_e400", ".0_0"]
TIMES = ["2024-01-15T10:00:00Z", "2024-01-15t10:00:00Z", "2024-01-15t10:00:00z", "2024-01-15",
    "2024-1-5", "2024-01-15 10:00:00", "2024-01-15   10:00:00", "2024-01-15 10:00:00.123",
    "2024-01-15T10:00:00.123456789Z", "2024-01-15T10:00:00.1234567891234Z",
    "2024-01-15T10:00:00+01:00", "2024-01-15T10:00:00-0100", "2024-01-15T10:00:00+25:00",
    "2024-01-15T10:00:00+24:00", "2024-01-15T10:00:00+01:61", "2024-01-15T10:00:00+01:60",
    "2024-01-15T10:00:00*01:00", "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29",
    "2024-13-01", "2024-00-10", "2024-01-32", "2024-04-31", "2024-01-00", "2024-01-15T24:00:00Z",
    "2024-01-15T23:60:00Z", "2024-01-15T23:59:60Z", "2024-01-15T1:2:3Z", "2024-01-15T10:00Z",
    "2024-01-15T10:00:00", "2024-01-15 ", "2024-01-15x", "20240115", "2024-01-15T10:00:00,5Z",
    "2024-01-15T10:00:00.Z", "2024-01-15 10:00:00 +01:00", "12024-01-01", "024-01-01",
    "2024-001-01", "2024-01-001", "0000-01-01", "2024-01-15T10:00:00.5+01:00",
    "2001-12-14 21:59:43.10 -5", "1999-12-31T23:59:59.999999999999Z", "2024-1-1T1:1:1Z",
    "2024-01-15 10:00:00,25", "2024-01-15 10:00:00.", "2024-01-15T10:00:00+1:00",
    "2024-01-15T10:00:00+01:0", "2024-01-15T10:00:00 Z", "2024-01-15 1:2:3", "2024-01-15  ",
    "2024-06-15T10:00:00-00:00", "2024-01-15_", "2024-01", "2024-"]
INDICATORS = ["-", "--", "---", "--- x", "---x", "...", "....", "... x", ".x", "- a", "-a", "-1a", "?",
    "?x", "? x", ":", ":x", ": x", "a:", "a:b", "a: b", "a :b", "a#b", "a #b", "#a", "a#", "a #",
    ",a", "a,b", "a, b", "[a", "a[b", "]a", "{a", "a{b", "}a", "a}", "&a", "a&b", "*a", "!a", "a!",
    "|a", "|", ">a", ">", "'a", "a'b", "a'", "''", "\"a", "a\"b", "\"", "%a", "a%", "@a", "a@b", "`a",
    "a`b", "a=b", "~a", "a~", "a\\b", "\\", "a//b", "http://example.com/a?b=c#d", "key: value",
    "a: ", "a:\t", "a\t", "\tb", " a", "a ", " ", "  ", "a  b", "a   b", "x\ty", "-\t", "?\t", ":\t",
    "a #\tb", "a\t#b", "#", "a:\u00a0b", "- ", "-- ", "{}", "[]", "{a: 1}", "[1, 2]", "!!str x",
    "&anchor", "*alias", "%TAG", "@", "`", "a'b'c", "it's", "say \"hi\"", "'quoted'", "\"dq\"",
    "a\\nb", "C:\\path\\x", "  lead", "trail  ", "mid  dle", "a -b", "a - b", "a ? b", "a |b",
    "a >b", "a!b", "a*b", "a&b", "a%b", "a@b", "a`b", "x: y: z", "x:y:z", "x:", "-x-", "--x"]
UNICODE = ["\u00c4", "\u00ff", "\u65e5\u672c\u8a9e", "\u65e5\u672c \u8a9e", "\U0001F600",
    "a\U0001F600b", "e\u0301", "\u0301a", "\ufeffa", "a\ufeff", "\u2028", "a\u2029b", "\u00a0",
    "a\u00a0", "\u00a0a", "a\u00a0b", "\u0085", "a\u0085b", "a \u0085 b", "a\u0085\u0085b",
    "a\u0085\u0085\u0085b", "\u0085\u0085", "x\u0085", " \u0085x", "\ufffd", "\ue000", "\uf8ff",
    "\U0010ffff", "\ud7ff", "\u200b", "\u00ad", "\u00aa", "\x00", "\x01", "\x07", "\x08", "\x0b",
    "\x0c", "\x1b", "x\x1b[31my", "a\tb", "\x1f", "a\rb", "a\r\nb", "\r", "\t", "\t\t", "\u2029",
    "\u00e9t\u00e9", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea",
    "\U0001F44D\U0001F3FD", "\U0001F1FA\U0001F1F8", "\u2603", "\u00bd", "\U00011F04",
    "\U00031350", "\u00a0\u00a0", "a \u2028 b", "\u3000", "a\u3000b", "\uff21"]

def strings_fixture(name, items):
    spec = {"list": items, "map": {"k%03d" % i: s for i, s in enumerate(items)},
            "keys": keymap([s for s in items if "\u0085" not in s]),  # NEL in a key: kubectl errors
            "nested": [{"deep": {"x": [s]}} for s in items[:40]]}
    write(name, obj(name.replace("_", "-"), spec))

strings_fixture("resolve_words", RESOLVE)
strings_fixture("resolve_numeric", NUMERIC)
strings_fixture("resolve_timestamps", TIMES)
strings_fixture("indicators", INDICATORS)
strings_fixture("unicode_ascii", UNICODE)   # JSON written with \u escapes
strings_fixture("unicode_raw", UNICODE)     # JSON written with raw UTF-8

MULTI = ["a\nb", "a\nb\n", "a\nb\n\n", "a\n\nb", "\n", "\n\n", "\na", " a\nb", "a\n b", "a \nb",
    "a\n ", "a\nb ", "\ta\nb", "a\n\tb", "a\r\nb\n", "a\u2028b\nc", "a\nb\u2028", "# comment\nx",
    "- a\n- b", "key: v\nk2: v2", "'q'\n\"d\"", "\\n literal\nx", "trailing\n\n\n", "\U0001F600\nx",
    "a\u00a0\nb", "\n a", "   \n", "a\n\n", "x\ny\n", "\u0085a\nb", "a\n\u2029",
    "line1\nline2 with a very long line that goes beyond the eighty column limit for sure, yes indeed, and more",
    "#!/bin/bash\nset -euo pipefail\necho \"hello $USER\"\nfor i in 1 2 3; do\n  echo $i\ndone\n",
    "[Unit]\nDescription=kubelet\n\n[Service]\nExecStart=/usr/bin/kubelet\nRestart=always\n",
    "-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p\na3ViZUNBMB4XDTIwMDIxNDIyMTMyNFoXDTMwMDIxMjIyMTMyNFowFTETMBEGA1UE\n-----END CERTIFICATE-----\n",
    "{\n  \"json\": true\n}", "a\n\n\nb\n", "  indented\n  block\n", "\n\nx\n\n"]
spec = {"list": MULTI, "map": {"k%02d" % i: s for i, s in enumerate(MULTI)},
        "keys": keymap(MULTI[:12]), "keys2": {"a\nb": {"x": 1}, "c\nd\n": [1, 2], "e\nf": {}, "g\nh": [],
        "i\nj": [[1]], "k\n": None}, "lol": [[s] for s in MULTI[:10]], "deep": {"a": {"b": [{"c": s} for s in MULTI[:10]]}}}
write("multiline", obj("multiline", spec))

rng = random.Random(7)
WORDS = "the quick brown fox jumps over lazy dog kubelet node pressure memory disk condition ready taint toleration x yy zzz supercalifragilisticexpialidocious a".split()
def sentence(n, sep=" "):
    return sep.join(rng.choice(WORDS) for _ in range(n))
longs = [sentence(n) for n in (12, 14, 16, 18, 20, 25, 40, 80)]
longs += ["x" * 200, "x" * 79 + " y", "x" * 80 + " y", "x" * 81 + " y", "x" * 78 + " " + "y" * 3 + " z",
    "a" * 90 + "  b", "a" * 90 + "   b c", "a" * 90 + " " + " " * 5, "b " * 60, " " * 90 + "x",
    "@" + sentence(20), "'" + sentence(20), sentence(20) + ":", sentence(10) + ": " + sentence(10),
    sentence(20, "\t"), sentence(15) + "\t" + sentence(15), "\t" + sentence(20), sentence(20) + " ",
    "\u65e5\u672c " * 50, "\u00e9\u00e9\u00e9 " * 40, "\U0001F600 " * 40, sentence(20) + "\x1b",
    "\"" + sentence(20) + "\"", sentence(12, "  "), sentence(12, "   "), "\\" + sentence(20),
    sentence(30) + "\n" + sentence(30), "1e3 " + sentence(20), "x" * 85 + " " + "\x01" + " " + "y" * 10,
    "y" * 85 + " \"q\" " + "z" * 10, "\ufeff" + sentence(25), "a\t\u0085b", "\t\u0085", "p" * 82 + " \\ " + "w" * 5, sentence(20, " \t ")]
spec = {"top": {"s%02d" % i: s for i, s in enumerate(longs)}, "list": longs,
        "deep": {"a": {"b": {"c": {"d": {"e": longs}}}}}, "lol": [[[s]] for s in longs[:8]],
        "listmaps": [{"k": s, "kk": [s]} for s in longs[:12]]}
write("folding", obj("folding", spec, {"long.example.com/annotation": sentence(40)}))

longkey = "k" * 130
spec = {
    longkey: "v", longkey + "1": {"a": 1, "b": [1, 2]}, longkey + "2": [1, {"x": "y"}], longkey + "3": {},
    longkey + "4": [], longkey + "5": None, longkey + "6": sentence(30), "q" * 128: "exactly 128",
    "q" * 129: "129", "\u00e9" * 64: "128 bytes", "\u00e9" * 65: "130 bytes",
    sentence(30): "long key with spaces", "@" + sentence(30): "quoted long key",
    "1e3" + "0" * 150: "numeric long key", "\ufeff" + sentence(20): "bom long key", "\t" + sentence(30): "dq long key",
    "nested": {longkey: {longkey: [longkey]}, "l": [{longkey: 1, "b": 2}]},
}
write("long_keys", obj("long-keys", spec))

KEYS = ["z9", "z10", "z1", "z01", "z001", "z0", "z00", "a0", "a00", "a000", "a1", "a01", "a10", "a9",
    "A", "B", "a", "b", "_a", "-a", ".a", "/a", "0a", "9a", "a_b", "a-b", "a.b", "a/b", "aB", "ab",
    "AB", "Ab", "\u00e9", "\u00fc", "\u65e5\u672c", "\u0661\u0662", "a\u0661\u0662", "a12", "a\u0663",
    "x1y2", "x01y2", "x1y02", "x10y1", "v1", "v1alpha1", "v1beta1", "v1beta2", "v2", "v10", "v2beta1",
    "k:{\"type\":\"Ready\"}", "k:{\"type\":\"DiskPressure\"}", "f:spec", "f:status", ".", "", " ", "y",
    "n", "true", "1", "01", "1.5", "-1", "~", "null", "a b", "a:b", "#x", "x#", "x #y", "?x",
    "1234567890123456789012345", "1234567890123456789012346", "a99999999999999999999",
    "a100000000000000000000", "a9223372036854775807", "a9223372036854775808", "\U00011F04", "_",
    "\U0001E4F1", "\U00031350", "e\u0301", "e_", "e", "\u00aa", "\u00b5", "\u00ba", "\u00d7", "\u00f7",
    "node.kubernetes.io/instance-type", "node-role.kubernetes.io/control-plane", "kubernetes.io/os",
    "kubernetes.io/arch", "kubernetes.io/hostname", "beta.kubernetes.io/os", "topology.kubernetes.io/zone",
    "hugepages-1Gi", "hugepages-2Mi", "hugepages-32Mi", "cpu", "memory", "ephemeral-storage", "pods",
    "example.com/gpu", "nvidia.com/gpu", "Port", "port", "PORT", "item2", "item10", "item1", "item02",
    "0", "00", "000", "10", "9", "-", "--", "a-1", "a-01", "a-10", "a-9", "a.1", "a.10", "a.9",
    "x0y", "x00y", "x0", "xa", "x_", "x-", "x~", "x\u00a0", "x\u3000", "x\u0660", "x\u0669", "x\u0966"]
# Keys on which go-yaml's Less is not transitive make kubectl's order depend on
# Go map iteration (nondeterministic): e.g. v1beta2 < v2 < v10 < v1beta2.
KEYS, CYCLIC = drop_cycles(KEYS)
print("keys fixture: dropped non-transitive keys", CYCLIC)
rng.shuffle(KEYS)
write("keys", obj("keys", {"m": {k: i for i, k in enumerate(KEYS)}, "deep": {"a": {k: [k] for k in KEYS[:20]}}}))

NUMS = "[0, 1, -1, 42, 9223372036854775807, -9223372036854775808, 9223372036854775808, " \
    "18446744073709551615, 18446744073709551616, 123456789012345678901234567890, 1.5, -1.5, 0.1, 0.5, " \
    "1e21, 1e20, 1e-7, 1e-6, 1e-5, 0.0001, 0.00001, 123456.5, 1234567.5, 100000.5, 1e300, " \
    "1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 1.0, -0.0, 0.0, -0, 1e2, 1E2, 12345678.0, " \
    "3.14159265358979, 1e15, 1e16, 1e17, 2e19, 9.999999999999999e20, 1.5e21, -1e21, 4.35, 0.1e1, 100e-2, " \
    "-9223372036854775809, 1e6, 999999.5, 0.000123, 12345678901234567890, -12345678901234567890, " \
    "9007199254740993, 0.30000000000000004, 1e-10, 123e-20, 1.25e-5, 6.02214076e23, 2.5, 1e0, " \
    "4294967296, -4294967296, 99999999999999999999, 1e19, 1.8446744073709552e19, 9.2233720368547758e18, " \
    "-9.2233720368547758e18, 1e-4, 0.001, 1234.5678, 10.0, 100.25, 65536.0]"
text = ('{"apiVersion":"example.com/v1","kind":"Thing","metadata":{"name":"numbers","labels":{"zz":"1"}},'
        '"spec":{"nums":%s,"map":{"a":1,"b":-2.5,"c":1e300,"d":true,"e":false,"f":null},'
        '"bools":[true,false,null,true],"nulls":{"x":null,"y":[null,null],"z":{"w":null}}}}' % NUMS)
with open("tests/fixtures/yaml/numbers.json", "w") as f:
    f.write(text)

spec = {"empty_map": {}, "empty_list": [], "list_of_empty": [{}, [], "", None, [[]], [{}], {"a": {}}],
        "lol": [[1, 2], [3, [4, []]], [], [[[[]]]], [[{}]], [[{"a": 1, "b": [2, [3]]}]]],
        "list_of_maps": [{"a": 1, "b": [1, 2]}, {"c": {}}, {"d": [], "e": {"f": []}}, {"": ""}],
        "nested": {"a": {"b": {"c": {"d": [{"e": [[{"f": "g"}]]}]}}}},
        "mil": [[{"a": 1, "b": 2}], {"x": [{"y": [{"z": []}]}]}],
        "seq_in_seq_map": [{"k": [[1, 2], [3]]}, [{"k": [4]}]], "emptykey": {"": {}, " ": []},
        "nullish": {"a": None, "b": [None], "c": {"d": None}}, "str": "", "strs": ["", " ", "  "]}
write("structure", obj("structure", spec))

spec = {"a": "x\x7fy"}
write("del", obj("del", spec), "tests/fixtures/yaml/rejected")
write("c1", obj("c1", {"a": "\u0080", "b": "\u009f"}), "tests/fixtures/yaml/rejected")
write("nonchars", obj("nonchars", {"a": "\ufffe", "b": "\uffff"}), "tests/fixtures/yaml/rejected")
write("nel_key", obj("nel-key", {"a\u0085b": "v"}), "tests/fixtures/yaml/rejected")
write("nel_docmark", obj("nel-docmark", {"a": "x\u0085--- y"}), "tests/fixtures/yaml/rejected")

# Differential fuzz corpus: random strings over an alphabet rich in YAML-significant
# characters (kubectl-rejected characters excluded), as values and as keys.
frng = random.Random(12345)
ALPHA = list("aZ09_-.:#?!&*|>'\"%@`,[]{}~+=/\\ \t\n\r") + ["  ", " ", " ", "\n", "\u0085", "\u2028",
    "\u00a0", "\ufeff", "\u00e9", "\u65e5", "\U0001F600", "\x00", "\x1b", "\u0301", "e", "x", "1",
    "0", "2024-01-02", "1e5", "0x1F", "yes", "null", "1:30", "---", "...", "- ", ": ", " #"]
def rand_str():
    n = frng.choice([0, 1, 1, 2, 2, 3, 4, 5, 8, 12, 20, 40, 90])
    parts = [frng.choice(ALPHA) for _ in range(n)]
    if frng.random() < 0.15:
        parts.insert(frng.randrange(len(parts) + 1), " ".join(WORDS[frng.randrange(len(WORDS))] for _ in range(25)))
    return "".join(parts)
FUZZ = [rand_str() for _ in range(1500)]
# NEL then "---"/"..." + blank opens a line with a document marker: kubectl errors.
FUZZ = [s for s in FUZZ if "\u0085---" not in s and "\u0085..." not in s]
fkeys = [s for s in FUZZ[:700] if "\u0085" not in s and len(s) < 900]
spec = {"values": FUZZ, "keys": keymap(fkeys, lambda k: 1),
        "nested": [{"a": {"b": [s, {"c": s}]}} for s in FUZZ[:300]]}
write("fuzz_strings", obj("fuzz-strings", spec))

# Differential number corpus: JSON number literals of many shapes (incl. float
# ties such as -567697754996523.2 where Go rounds the shortest form half-even),
# and numeric-looking strings.
nrng = random.Random(99)
nums = ["-567697754996523.2", "-814699505456242.2", "2008946516041201.2"]
for _ in range(1500):
    k = nrng.random()
    if k < 0.3:
        nums.append(repr(nrng.uniform(-1e6, 1e6)))
    elif k < 0.6:
        m = "".join(nrng.choice("0123456789") for _ in range(nrng.randint(1, 17))).lstrip("0") or "0"
        nums.append(("-" if nrng.random() < 0.3 else "") + m[0] + ("." + m[1:] if len(m) > 1 else "") + "e" + str(nrng.randint(-30, 30)))
    elif k < 0.8:
        nums.append(str(nrng.randint(-2**70, 2**70)))
    else:
        nums.append(repr(nrng.choice([1, -1]) * nrng.random() * 10 ** nrng.randint(-8, 25)))
nstrs = ["".join(nrng.choice("0123456789_+-.eExXoObB:") for _ in range(nrng.randint(1, 10))) for _ in range(1500)]
text = ('{"apiVersion":"example.com/v1","kind":"Thing","metadata":{"name":"numbers-fuzz","labels":{"zz":"1"}},'
        '"spec":{"n":[%s],"s":%s}}' % (",".join(nums), json.dumps(nstrs)))
with open("tests/fixtures/yaml/numbers_fuzz.json", "w") as f:
    f.write(text)
