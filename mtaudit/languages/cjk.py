"""Numbers in Chinese characters, as both Chinese and Japanese write them: digits, the
small units that build a number (三百 = 300) and the large ones that scale it (300万)."""

CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CJK_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_LARGE_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
# After digits ("300万", "1.5亿", "3千万"), consecutive scale characters multiply.
CJK_SCALES = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
