"""Japanese: no spaces, kanji and kana, verb-final."""

from mtaudit.languages.base import NO_SPACES, Language

LANGUAGE = Language(
    "ja",
    "Japanese",
    script="\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f",
    boundary=NO_SPACES,
    reads_scale_words=True,
    negators=r"ない|なかっ|ません|ず|無|未|非",
    # "shika ... nai" = only; merely; "hotondo ... nai" = hardly (no negator in English either);
    # maybe; surely; must (three ways); regardless; not only; "sumimasen" = sorry; "...masen ka" =
    # shall we / is there; adjectives that merely end in nai (危ない dangerous, 少ない few, つまらない
    # trifling); and words that merely contain the letters (必ず always, まず first, わずか slight,
    # ずつ each, ずっと all along). Textbook Japanese puts spaces between phrases, news does not.
    negation_idioms=(
        r"しか[^。、]{0,30}?(?:ない|なかっ|ません|ず)|過ぎ(?:ない|なかっ|ず|ません)|"
        r"ほとんど[^。、]{0,30}?(?:ない|なかっ|ません)|かもしれ(?:ない|ません)|(?:違|ちが)い(?:ない|ありません)|"
        r"(?:なければ|ねば|なくては|ないと)\s*(?:ならない|ならず|なりません|ならなかっ|いけない|いけません)|"
        r"す[みい]ません|ませんか|危ない|あぶない|少な(?:い|かっ|く)|すくない|つまらない|"
        r"(?:かか|関)わらず|問わず|のみならず|必ず|まず|わずか|ずつ|ずっと|相変わらず|絶えず|未来|非常"
    ),
    # words that say "not" without a negator: worthless, unskilled, stayed away (休む), absent,
    # failed, refused, denied, otherwise
    implicit_negation=r"つまらない|下手|休(?:み|ん|ま|む|め)|欠席|失敗|拒否|否定|さもなければ|そうでなければ",
    similarity_anchors=(0.776, 0.869),
)
