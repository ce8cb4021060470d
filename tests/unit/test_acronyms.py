"""Acronyms an article defines: the long form they spell, and whether the base's body of those letters is it."""
from heron.actors.acronyms import defined_acronyms, initials, is_acronym, same_body


def words(text: str) -> list[str]:
    return text.replace("(", " ( ").replace(")", " ) ").split()


def test_a_long_form_before_its_acronym_defines_it():
    texts = words("Officials said the National Broadcasting Board (NBB) closed the station .")
    span = defined_acronyms(texts)["NBB"]
    assert texts[span[0]:span[1]] == ["National", "Broadcasting", "Board"]


def test_link_words_and_hyphens_count_as_acronyms_spell_them():
    assert initials(["Ministry", "of", "Foreign", "Affairs"]) == "MFA"
    assert initials(["Anti-Corruption", "Bureau"]) == "ACB"
    texts = words("A spokesman for the Ministry of Foreign Affairs (MFA) spoke .")
    span = defined_acronyms(texts)["MFA"]
    assert texts[span[0]:span[1]] == ["Ministry", "of", "Foreign", "Affairs"]


def test_letters_that_do_not_spell_the_words_before_define_nothing():
    assert defined_acronyms(words("Arland's navy (ABC) sailed on Monday .")) == {}
    assert defined_acronyms(words("the talks (in Cestia) ended")) == {}
    assert not is_acronym("Cestia") and not is_acronym("A") and is_acronym("NATO")


def test_a_body_of_the_same_letters_is_the_same_only_if_the_names_share_most_words():
    assert not same_body("National Telecommunications Commission", "National Transitional Council")
    assert same_body("Islamic Revolutionary Guard Corps", "Revolutionary Guards")
    assert same_body("North Atlantic Treaty Organization", "North Atlantic Treaty Organization")
