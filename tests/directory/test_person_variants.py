"""Person-name variants flagged for a merge (卢瑞莲 / 卢端莲), never merged silently (pure)."""

from hypothesis import given
from hypothesis import strategies as st

from luoshi.directory.names import person_name_variants

HAN = st.sampled_from("卢瑞端莲杨跃卿王震张敏李华刘")


def test_flags_names_one_given_name_character_apart():
    names = ["卢瑞莲", "卢端莲", "杨跃卿", "王震", "王霞", "卢瑞莲"]
    assert person_name_variants(names) == [("卢瑞莲", "卢端莲"), ("王震", "王霞")]


def test_leaves_other_surnames_lengths_and_non_names_alone():
    assert person_name_variants(["卢瑞莲", "杜瑞莲", "卢瑞", "卢瑞莲莲", "A瑞莲", "B瑞莲"]) == []


@given(st.lists(st.text(HAN, min_size=2, max_size=4), max_size=12))
def test_every_flagged_pair_differs_in_one_given_name_character(names):
    pairs = person_name_variants(names)
    assert len(pairs) == len(set(pairs))
    for first, second in pairs:
        assert first < second and first in names and second in names
        assert len(first) == len(second) and first[0] == second[0]
        assert sum(a != b for a, b in zip(first, second, strict=True)) == 1


@given(st.text(HAN, min_size=2, max_size=4), st.integers(1, 3), HAN)
def test_a_one_character_misprint_of_a_given_name_is_always_flagged(name, position, char):
    position = min(position, len(name) - 1)
    misprint = name[:position] + char + name[position + 1 :]
    pairs = person_name_variants([name, misprint])
    assert (misprint != name) == (tuple(sorted((name, misprint))) in pairs)
