"""Chinese: no spaces, sentences end at 。！？, numbers in characters (三百万, 1.5亿)."""

from mtaudit.languages.base import NO_SPACES, Language

LANGUAGE = Language(
    "zh",
    "Chinese",
    detected_as=("zh-cn", "zh-tw"),
    script="\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    boundary=NO_SPACES,
    reads_scale_words=True,
    negators=r"不|没|沒|无|無|未|别|別|非",
    # not only; constantly; soon; quite a few; regardless; have to; future; very; different
    negation_idioms=r"不仅|不僅|不断|不斷|不久|不少|无论|無論|不得不|未来|未來|非常|不同",
    implicit_negation=r"否则|否則",  # otherwise: "jika tidak"
    similarity_anchors=(0.783, 0.874),
)
