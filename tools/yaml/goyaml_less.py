# Python port of go-yaml v2 keyList.Less for string keys, used only to keep
# fixture key sets free of non-transitive triples (kubectl's order for those
# depends on Go map iteration order, i.e. is nondeterministic).
import unicodedata

def _letter(c):
    return unicodedata.category(c).startswith("L")

def _digit(c):
    return unicodedata.category(c) == "Nd"

def _wrap(n):
    n &= (1 << 64) - 1
    return n - (1 << 64) if n >= 1 << 63 else n

def less(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            continue
        al, bl = _letter(a[i]), _letter(b[i])
        if al and bl:
            return a[i] < b[i]
        if al or bl:
            return bl
        an = bn = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and _digit(a[j]):
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and _digit(a[ai]):
            an = _wrap(an * 10 + ord(a[ai]) - 48); ai += 1
        bi = i
        while bi < len(b) and _digit(b[bi]):
            bn = _wrap(bn * 10 + ord(b[bi]) - 48); bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return a[i] < b[i]
    return len(a) < len(b)

def drop_cycles(keys):
    """Greedily removes keys until Less is transitive on the rest."""
    keys = list(dict.fromkeys(keys))
    dropped = []
    while True:
        n = len(keys)
        lt = [[less(keys[x], keys[y]) for y in range(n)] for x in range(n)]
        bad = [0] * n
        for x in range(n):
            for y in range(n):
                if not lt[x][y]:
                    continue
                for z in range(n):
                    if lt[y][z] and lt[z][x]:
                        bad[x] += 1; bad[y] += 1; bad[z] += 1
        m = max(bad) if bad else 0
        if m == 0:
            return keys, dropped
        dropped.append(keys.pop(bad.index(m)))
