"""Search tokens: CJK bigrams, lower-cased words, nothing else."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.gazette.tokens import (
    MAX_QUERY_TERMS,
    MAX_WORD_CHARS,
    MIN_PHRASE_CHARS,
    index_tokens,
    is_cjk,
    query_phrases,
    query_terms,
    token_spans,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("停车", ["停车"]),
        ("智慧停车建设", ["智慧", "慧停", "停车", "车建", "建设"]),
        ("24小时直通车", ["24", "小时", "时直", "直通", "通车"]),
        ("13710", ["13710"]),
        ("按“13710”工作制度", ["按", "13710", "工作", "作制", "制度"]),
        ("a中b", ["a", "中", "b"]),
        ("，中。", ["中"]),
        ("GB/T 35965.1", ["gb", "t", "35965", "1"]),
        ("ＡＢＣ１２３", ["abc123"]),  # full-width folds to ASCII
        ("二〇二〇年", ["二〇", "〇二", "二〇", "〇年"]),
        ("<p>煤矿</p>", ["p", "煤矿", "p"]),
        ("", []),
        (" \t\n、。！？", []),
    ],
)
def test_should_tokenise_as_cjk_bigrams_and_words(text, tokens):
    assert tokenize(text) == tokens


def test_should_keep_source_spans_for_highlighting():
    text = "建设“智慧停车”平台"
    spans = {span.token: (span.start, span.end) for span in token_spans(text)}
    assert spans["停车"] == (5, 7)
    assert text[5:7] == "停车"


def test_should_cut_very_long_words():
    assert tokenize("x" * 500) == ["x" * MAX_WORD_CHARS]


def test_should_join_index_tokens_with_single_spaces():
    assert index_tokens("智慧停车, 24小时") == "智慧 慧停 停车 24 小时"


def test_should_give_distinct_query_terms_in_order_and_capped():
    assert query_terms("停车 停车 煤矿") == ["停车", "煤矿"]
    many = " ".join(f"w{i}" for i in range(100))
    assert query_terms(many) == [f"w{i}" for i in range(MAX_QUERY_TERMS)]
    assert query_terms("“” ，。!!") == []


def test_should_read_a_huge_query_quickly():
    assert len(query_terms("停车场" * 5000)) == 3


CJK_TEXT = st.text(
    alphabet=st.sampled_from(
        list("智慧停车建设煤矿扶贫资产小时〇年月日")
        + list("aZ09")
        + list("，。、；：“”《》（）〔〕 \t\n-/.")
        + list("ＡＢ１２①㈠ｶ가")
    ),
    max_size=60,
)
ANY_TEXT = st.one_of(CJK_TEXT, st.text(max_size=60))


def _normalised_chars(text):
    for char in text:
        yield from unicodedata.normalize("NFKC", char)


@settings(max_examples=200)
@given(ANY_TEXT)
def test_tokens_should_hold_only_letters_and_digits(text):
    for token in tokenize(text):
        assert token
        assert all(unicodedata.category(c)[0] in "LN" for c in token), token


@settings(max_examples=200)
@given(ANY_TEXT)
def test_every_cjk_character_should_appear_in_some_token(text):
    tokens = tokenize(text)
    for char in _normalised_chars(text):
        if is_cjk(char):
            assert any(char in token for token in tokens), char


@settings(max_examples=100)
@given(ANY_TEXT, ANY_TEXT)
def test_tokenising_should_be_deterministic_and_split_at_spaces(left, right):
    assert tokenize(left) == tokenize(left)
    assert tokenize(f"{left} {right}") == tokenize(left) + tokenize(right)
    assert index_tokens(left).split() == tokenize(left)


@settings(max_examples=200)
@given(ANY_TEXT)
def test_tokens_should_be_the_tokens_of_the_spans(text):
    assert tokenize(text) == [span.token for span in token_spans(text)]


@settings(max_examples=100)
@given(ANY_TEXT)
def test_spans_should_lie_inside_the_text_in_order(text):
    spans = token_spans(text)
    starts = [span.start for span in spans]
    assert starts == sorted(starts)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        if is_cjk(span.token[0]):
            assert span.token in "".join(_normalised_chars(text[span.start : span.end]))


@settings(max_examples=100)
@given(ANY_TEXT)
def test_query_terms_should_be_distinct_tokens_of_the_query(text):
    terms = query_terms(text)
    assert len(terms) == len(set(terms)) <= MAX_QUERY_TERMS
    assert set(terms) <= set(tokenize(text))


@pytest.mark.parametrize(
    ("query", "phrases"),
    [
        ("直通车", ["直通车"]),
        ("停车", []),
        ("24小时直通车 制度", ["小时直通车"]),
        ("蓝天保卫战,蓝天保卫战", ["蓝天保卫战"]),
        ("晋市政办〔2020〕7号", ["晋市政办"]),
    ],
)
def test_should_take_long_cjk_runs_of_a_query_as_phrases(query, phrases):
    assert query_phrases(query) == phrases


@given(ANY_TEXT)
def test_phrases_are_whole_cjk_runs_of_the_query(query):
    phrases = query_phrases(query)
    assert len(phrases) == len(set(phrases))
    normalised = "".join(unicodedata.normalize("NFKC", char) for char in query)
    for phrase in phrases:
        assert len(phrase) >= MIN_PHRASE_CHARS
        assert all(is_cjk(char) for char in phrase)
        assert phrase in normalised
        # whole: the run cannot be extended by a CJK character on either side
        for start in range(len(normalised)):
            if normalised.startswith(phrase, start):
                before = normalised[start - 1] if start else ""
                after = normalised[start + len(phrase) : start + len(phrase) + 1]
                if not (before and is_cjk(before)) and not (after and is_cjk(after)):
                    break
        else:
            raise AssertionError(phrase)
