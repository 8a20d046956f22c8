// Command go-fixtures writes JSON fixtures that pin down Go's exact behaviour
// (time.ParseDuration, Duration.String, strconv.ParseInt, strconv.Quote,
// encoding/json float formatting, gopkg.in/yaml.v2 scalar resolution and
// quoting, path/filepath.Clean) so the Rust code can be tested against it.
//
// Usage: go-fixtures OUTDIR   (see README.md / gen.sh for the offline build)
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	yaml "gopkg.in/yaml.v2"
)

// kv / obj: a JSON object that keeps key insertion order.
type kv struct {
	k string
	v interface{}
}
type obj []kv

func encode(v interface{}) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(encode(p.k))
		b.WriteByte(':')
		b.Write(encode(p.v))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func write(dir, name string, cases []obj) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(cases); err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
		panic(err)
	}
	fmt.Printf("%-22s %d cases\n", name, len(cases))
}

// ---------------------------------------------------------------- inputs

var durationParseIn = []string{
	"0", "-0", "+0", "0s", "1ns", "1us", "1\u00b5s", "1\u03bcs", "1ms", "1s", "1m", "1h",
	"300ms", "1h2m3s", "1h2m3.5s", "1.5h", "1.5m", "-1m", "+5s", "-1.5h", ".5s", "5.s",
	"-.5s", ".s", "-", "+", "1.000000000000000000001s", "0.000000001s", "0.0000000001s",
	"0.9ns", "1.9ns", "1h-1m", "1m1h", "1s1s", "1h0m0s", "2h45m", "9223372036854775807ns",
	"9223372036854775808ns", "-9223372036854775808ns", "-9223372036854775809ns",
	"9223372036s", "9223372037s", "2562047h", "2562048h", "2562047h47m16.854775807s",
	"2562047h47m16.854775808s", "-2562047h47m16.854775808s", "100000000000000000000ns",
	"1", "", " ", "s", "1x", "1h1", "1 s", " 1s", "1s ", "1_000s", "0x1s", "1e3s", "1S",
	"1H", "1Ms", "1d", "1w", "1ms1", "1.2.3s", "..5s", "1..5s", "٣s", "1h 2m",
}

var durationFormatIn = []int64{
	0, 1, -1, 999, 1000, 1001, 1500, 999999, 1000000, 1000001, 1500000, 100000000,
	999999999, 1e9, 1e9 + 1, 1.5e9, 59e9, 60e9, 61e9, 90e9, 3599e9, 3600e9, 3601e9,
	86400e9, 90061e9, 90061e9 + 1, 2*3600e9 + 45*60e9, 100 * 3600e9, -1500000,
	-1500000000, -60e9, -3600e9 - 1, math.MaxInt64, math.MinInt64, math.MinInt64 + 1,
	3600e9 - 1, 12345678, 1234567890123, 60e9 + 500e6, 3600e9 + 1000,
}

var parseIntIn = []string{
	"0", "-0", "+0", "1", "+1", "-1", "00", "007", "0x1F", "0X1f", "0x", "0o17", "0O17",
	"017", "08", "0b101", "0B101", "0b2", "1_000", "0x_1F", "0_17", "_1", "1_", "1__0",
	"127", "2147483647", "2147483648", "-2147483648", "-2147483649",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "99999999999999999999", " 1", "1 ", "1.0", "1e3", "", "-",
	"+", "--1", "+-1", "٣", "１",
}

var quoteIn = []string{
	"", "plain", "with space", "say \"hi\"", "it's", "back\\slash", "a\nb", "a\tb",
	"a\rb", "\x00", "\x07", "\x1b[0m", "\x7f", "\u0085", "\u00a0", "\u00e9", "\u00ad",
	"\u200b", "\u200d", "\u2028", "\u2029", "\u202e", "\ufeff", "\ufffd", "\U0001F600",
	"\U0001F1FA\U0001F1F8", "日本語", "a\u0301", "\U000E0041", "\U0010FFFF", "\uE000",
	"/path/to/x", "{\"json\": 1}",
}

var floatIn = []string{
	"0", "-0", "1", "-1", "0.1", "0.2", "0.3", "2.5", "-2.5", "100", "110.0", "1e20",
	"1e21", "-1e21", "123456789012345678", "1234567890123456789012", "1e-6", "1e-7",
	"0.0000001", "0.000001", "0.000001234", "3e-7", "1.7976931348623157e308",
	"-1.7976931348623157e308", "2.2250738585072014e-308", "5e-324", "4.9e-324",
	"1e100", "1e-100", "12345.6789", "3.141592653589793", "0.30000000000000004",
	"9007199254740992", "9007199254740993", "1.5", "1000000", "10000000", "1e7",
	"123456789", "1.0e+2", "1e15", "1e16", "1e17", "9.999999999999999e20",
	"9.999999999999999e-7", "1e-5", "0.5", "65536", "4294967296", "0.1e-6", "-1e-7",
}

var yamlIn = []string{
	// booleans (YAML 1.1 + 1.2 spellings)
	"y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "on", "On", "ON",
	"off", "Off", "OFF", "true", "True", "TRUE", "tRue", "false", "False", "FALSE",
	// null
	"null", "Null", "NULL", "nULL", "~", "",
	// integers
	"0", "-0", "+0", "00", "012", "-012", "08", "09", "0o12", "0O12", "0x1F", "0X1F",
	"-0x1F", "0xg", "0b101", "-0b101", "0B101", "1_000", "1__0", "_1", "1_", "0x_1",
	"+1", "+12", "-1", "123",
	"2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
	"18446744073709551616", "123456789012345678901234567890",
	// floats
	"1_0.5", "1e3", "1E3", "1e+3", "1e-3", "1.e3", "1.0e3", "1.5", ".5", "5.", "-.5", "+.5",
	"0.", "-0.0", "1e21", "0.0000001", "1e400", "-1e400", ".1e400", ".9e938562", "._5", ".5_5", ".5e1_0", "1.7976931348623157e308",
	"3.", "1.2.3", "1e", "e3", ".", "-.", "+.inf", ".inf", ".Inf", ".INF", "-.inf",
	"-.Inf", "+.Inf", ".NaN", ".nan", ".NAN", "nan", "NaN", "inf", "Inf", "-inf",
	"infinity", ".infinity",
	// sexagesimal / timestamps
	"1:20", "1:20:30", "190:20:30.15", "-1:20", "12:30", "2001-12-14",
	"2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10Z", "2001-12-14 21:59:43.10 -5",
	"2001-12-14 21:59:43.10", "2002-12-14", "2001-1-1", "2001-13-01", "20011214",
	// indicators and structure
	"- x", "-x", "-", "--", "---", "...", "a: b", "a:b", "x:", ":x", ":", "#x", "x #y",
	"x#y", "@x", "`x", "!x", "!!str x", "&x", "*x", "|", ">", "%x", "?", "? x", "?x",
	"=", "<<", "[]", "{}", "[a]", "{a: b}", "a,b", "a, b", "'x'", "\"x\"", "x'", "x\"",
	"a]", "a}", "x: y: z",
	// spaces / misc
	" x", "x ", "  x  ", "a b", "a  b", "\tx", "x\t", "a\nb", "\u00a0x", "x\u00a0",
	"\u2028", "x\u2028y", "\u2029", "x\u0085y", "\ufeffx", "\ufeffab c", "a\ufeffb",
	"a\U0001F600b", "\u00ad", "\u200b", "\x7f", "\u00e9t\u00e9", "日本", "\U0001F600", "0.0.0.0", "1.2.3.4",
	"v1.2", "1Gi", "100m", "1h2m", "5s", "0755", "+", "+-1", "1-1", "3e", "0x",
	"0b", "0o", "TRUE ", "localhost:8080", "http://x", "https://x/y?z#w",
}

var cleanIn = []string{
	"", ".", "..", "/", "//", "///", "a", "a/", "a//b", "a/./b", "a/../b", "../a",
	"/../a", "/..", "/.", "a/b/../../..", "a/b/../../../..", "/a/b/../c/.", "./",
	"./a", "a/..", "a/../..", "~/x", "~/../x", "/a//b//", "a/b/c/../../d", "..a/b",
	"a..", ".../a", "a/.../b", "/./../a/./b/", "a\\b/../c", "a/b/./././c",
}

// ---------------------------------------------------------------- generators

func durationParse() (out []obj) {
	for _, s := range durationParseIn {
		d, err := time.ParseDuration(s)
		if err != nil {
			out = append(out, obj{{"in", s}, {"ok", false}, {"error", err.Error()}})
		} else {
			out = append(out, obj{{"in", s}, {"ok", true}, {"nanos", int64(d)}})
		}
	}
	return
}

func durationFormat() (out []obj) {
	for _, n := range durationFormatIn {
		out = append(out, obj{{"nanos", n}, {"out", time.Duration(n).String()}})
	}
	return
}

func parseInt() (out []obj) {
	for _, s := range parseIntIn {
		for _, base := range []int{10, 0} {
			for _, bits := range []int{32, 64} {
				v, err := strconv.ParseInt(s, base, bits)
				c := obj{{"in", s}, {"base", base}, {"bits", bits}}
				if err != nil {
					c = append(c, kv{"ok", false}, kv{"error", err.Error()})
				} else {
					c = append(c, kv{"ok", true}, kv{"value", v})
				}
				out = append(out, c)
			}
		}
	}
	return
}

func quote() (out []obj) {
	for _, s := range quoteIn {
		out = append(out, obj{{"in", s}, {"out", strconv.Quote(s)}})
	}
	return
}

func mustFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(fmt.Sprintf("ParseFloat(%q): %v", s, err))
	}
	return f
}

func floatJSON() (out []obj) {
	for _, s := range floatIn {
		f := mustFloat(s)
		if s == "-0" && !math.Signbit(f) {
			panic("-0 did not parse as negative zero")
		}
		b, err := json.Marshal(f)
		if err != nil {
			panic(err)
		}
		out = append(out, obj{{"in", s}, {"out", string(b)}})
	}
	return
}

// yamlValue returns what yaml.Marshal prints after "v: " (final newline trimmed).
func yamlValue(v interface{}) string {
	b, err := yaml.Marshal(map[string]interface{}{"v": v})
	if err != nil {
		panic(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "v:") {
		panic("unexpected yaml output: " + s)
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "v:"), " ")
	return strings.TrimSuffix(s, "\n")
}

func floatYAML() (out []obj) {
	for _, s := range append(append([]string{}, floatIn...), "NaN", "+Inf", "-Inf") {
		out = append(out, obj{{"in", s}, {"out", yamlValue(mustFloat(s))}})
	}
	return
}

func yamlResolve() (out []obj) {
	for _, s := range yamlIn {
		c := obj{{"in", s}}
		var m map[string]interface{}
		if err := yaml.Unmarshal([]byte("v: "+s), &m); err != nil {
			c = append(c, kv{"error", err.Error()})
		} else if v, ok := m["v"]; !ok || len(m) != 1 {
			c = append(c, kv{"error", fmt.Sprintf("fixture generator: decoded %#v", m)})
		} else {
			var typ string
			var val interface{}
			switch x := v.(type) {
			case nil:
				typ, val = "null", nil
			case bool:
				typ, val = "bool", x
			case int:
				typ, val = "int", x
			case int64:
				typ, val = "int64", x
			case uint64:
				typ, val = "uint64", x
			case float64:
				typ, val = "float64", strconv.FormatFloat(x, 'g', -1, 64)
			case string:
				typ, val = "string", x
			case time.Time:
				typ, val = "time", x.Format(time.RFC3339Nano)
			default:
				typ, val = fmt.Sprintf("%T", x), fmt.Sprintf("%v", x)
			}
			c = append(c, kv{"type", typ}, kv{"value", val})
		}
		c = append(c, kv{"marshal", yamlValue(s)})
		out = append(out, c)
	}
	return
}

func clean() (out []obj) {
	for _, s := range cleanIn {
		out = append(out, obj{{"in", s}, {"out", filepath.Clean(s)}})
	}
	return
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go-fixtures OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	write(dir, "duration_parse.json", durationParse())
	write(dir, "duration_format.json", durationFormat())
	write(dir, "parse_int.json", parseInt())
	write(dir, "quote.json", quote())
	write(dir, "float_json.json", floatJSON())
	write(dir, "float_yaml.json", floatYAML())
	write(dir, "yaml_resolve.json", yamlResolve())
	write(dir, "filepath_clean.json", clean())
}
