# Generates Go unicode.IsLetter (category L) and unicode.IsDigit (Nd) ranges
# for non-ASCII code points, Unicode 15.0.0 (Go 1.21-1.23). Python's
# unicodedata here is 14.0.0, so the 15.0 additions are merged by hand.
import unicodedata, sys
ADD_L = [(0x1123F,0x11240),(0x11F02,0x11F02),(0x11F04,0x11F10),(0x11F12,0x11F33),
         (0x13441,0x13446),(0x1B132,0x1B132),(0x1B155,0x1B155),(0x1DF25,0x1DF2A),
         (0x1E030,0x1E06D),(0x1E4D0,0x1E4EB),(0x2B739,0x2B739),(0x31350,0x323AF)]
ADD_ND = [(0x11F50,0x11F59),(0x1E4F0,0x1E4F9)]
def ranges(pred, add):
    s = set(c for c in range(0x80, 0x110000) if pred(chr(c)))
    for a,b in add: s.update(range(a,b+1))
    out=[]; 
    for c in sorted(s):
        if out and out[-1][1]+1==c: out[-1][1]=c
        else: out.append([c,c])
    return out
L = ranges(lambda ch: unicodedata.category(ch).startswith('L'), ADD_L)
N = ranges(lambda ch: unicodedata.category(ch)=='Nd', ADD_ND)
def emit(name, rs):
    print(f"static {name}: [(u32, u32); {len(rs)}] = [")
    line="   "
    for a,b in rs:
        item=f" (0x{a:X}, 0x{b:X}),"
        if len(line)+len(item)>96: print(line); line="   "
        line+=item
    print(line); print("];")
emit("LETTER_RANGES", L); emit("DIGIT_RANGES", N)
print(len(L), len(N), file=sys.stderr)
