"""Japanese: no spaces, kanji and kana, verb-final (word order is not compared)."""

from mtaudit.languages.base import NO_SPACES, Language

LANGUAGE = Language(
    "ja",
    "Japanese",
    script="\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f",
    boundary=NO_SPACES,
    reads_scale_words=True,
    negators=r"ない|なかっ|ません|ず|無|未|非",
    # "shika ... nai" = only; merely; "hotondo ... nai" = hardly (no negator in English either);
    # maybe; surely; must; regardless; not only; and words that merely contain the letters
    # (必ず always, まず first, わずか slight, ずつ each, ずっと all along)
    negation_idioms=(
        r"しか[^。、]{0,30}?(?:ない|なかっ|ません|ず)|過ぎ(?:ない|なかっ|ず|ません)|"
        r"ほとんど[^。、]{0,30}?(?:ない|なかっ|ません)|かもしれ(?:ない|ません)|違いない|"
        r"(?:なければ|ねば)(?:ならない|ならず|なりません)|"
        r"(?:かか|関)わらず|問わず|のみならず|必ず|まず|わずか|ずつ|ずっと|相変わらず|絶えず|未来|非常"
    ),
    similarity_anchors=(0.776, 0.869),
)
