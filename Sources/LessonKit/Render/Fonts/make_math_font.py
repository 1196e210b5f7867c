#!/usr/bin/env python3
"""Makes the math font the site ships: a subset of STIX Two Math, renamed "Droplab Math".

Run by hand (pip install fonttools brotli), output committed:

    python3 Sources/LessonKit/Render/Fonts/make_math_font.py STIXTwoMath.input.ttf

The input is `source/STIXTwoMath.input.ttf` of github.com/stipub/stixfonts (STIX Two Math 2.12,
SIL Open Font License 1.1; checked at commit bea1dc9a). The subset keeps the OpenType MATH table
(radicals, fraction rules, stretchy delimiters, script sizes) and the characters lesson formulas
use: ASCII, Latin-1, Greek, punctuation, letterlike symbols, arrows, mathematical operators,
brackets, and mathematical italic and double-struck letters. Under the OFL a subset is a Modified
Version, so the family is renamed; the licence travels with it as `fonts/OFL.txt`.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0391-03C9,U+03D1,U+03D5,U+03F0-03F5,U+2010-2027,U+2030-205E,"
    "U+2102,U+2113,U+2115,U+2119,U+211A,U+211D,U+2124,U+2190-2195,U+21A6,U+21D0-21D5,"
    "U+2200-22FF,U+2308-230B,U+27E8-27E9,U+1D434-1D467,U+1D538-1D56B"
)
FAMILY = "Droplab Math"


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(__file__).with_name("DroplabMath.woff2")
    options = subset.Options()
    options.layout_features = ["ssty", "dtls", "flac", "kern", "mark", "mkmk"]
    options.flavor = "woff2"
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("DroplabMath", 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName("DroplabMath subset of STIX Two Math 2.12", 3,
                          record.platformID, record.platEncID, record.langID)
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    print(f"{out}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
