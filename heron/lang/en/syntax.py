"""English function words the rules read: pronouns, determiners, relative words, prepositions.

Each list is the part of a closed class that one rule needs, named for that need. Where rules need
different parts of one class (the prepositions of place), the wider lists are built from the narrowest,
so that every word of the class is written down here once. The rules only test membership.
"""
from __future__ import annotations

# --- pronouns ---------------------------------------------------------------------------------------

# A speaker named by one of these is looked for among the persons named before (quotes).
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns that may stand for a speaker; a passive subject among them is no content of its own (quotes).
PRONOUNS = PERSON_PRONOUNS | {"they", "it", "we", "i", "you", "them", "us"}
# Words that stand for someone without naming anyone: a speaker named only by one of these, or by a
# pronoun, relative or demonstrative nobody was found for, stays unknown (quotes).
INDEFINITE_PRONOUNS = frozenset({
    "me", "one", "some", "few", "many", "most", "all", "both", "several", "others", "another", "each",
    "nobody", "somebody", "anybody", "everybody", "someone", "anyone", "everyone", "no-one",
    "none", "something", "anything", "everything", "nothing",
})
# A subject pronoun of a reported clause stands for the reporting actor: "Russia said it would ..." (events).
SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# ... except in the speaker's own words, where these are about someone else (events).
THIRD_PERSON = frozenset({"it", "they", "he", "she"})
# A reflexive object names the subject again, not a second party (events).
REFLEXIVE = frozenset({"itself", "himself", "herself", "themselves", "ourselves", "myself", "yourself"})
# A dummy subject hands nothing down to the infinitive: "It is hard to see why ..." (quotes).
DUMMY_SUBJECTS = frozenset({"it", "this", "that"})

# --- determiners ------------------------------------------------------------------------------------

# "the withdrawal", "this offer": a noun that may point back to something already told (events).
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# "withdraw its troops": what the actor moves is its own (events).
OWN_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})

# --- relative words ---------------------------------------------------------------------------------

# The subject of a relative clause that stands for the noun the clause hangs on (events).
RELATIVE = frozenset({"which", "who", "that", "whom"})

# --- pro-forms --------------------------------------------------------------------------------------

# An answer standing for a whole clause: "he said no", "half said so", "a third said the same" (quotes).
SHORT_ANSWERS = frozenset({"yes", "no", "so", "same"})

# --- words a title leaves in lower case -------------------------------------------------------------

# "Meet the Press", "A Man for All Seasons": a quoted run of capitalised words and these names something.
TITLE_SMALL_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "on", "to", "for", "with", "who", "me"})

# --- prepositions of place --------------------------------------------------------------------------

# Where something is or happens: "in Kyiv", "near the border", "across the region" (events).
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "around", "outside", "inside", "across"})
# Where an event happened, with the prepositions of extent: "throughout the region", "over Kyiv" (places).
EVENT_PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"throughout", "within", "over"}
# A place named as the setting of something, not as who takes part: "along the border" (parties).
SETTING_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"throughout", "within", "through", "beyond", "along"}
# Any phrase that makes a name read as a place, direction and "the city of X" included (places).
TOPONYM_PREPOSITIONS = EVENT_PLACE_PREPOSITIONS | {
    "through", "from", "to", "into", "toward", "towards", "via", "between", "of",
}
# Prepositions that place an event noun in time beside the clause it modifies ("during a visit", "after talks").
OCCASION_PREPOSITIONS = frozenset({"during", "after", "before", "following", "ahead", "since"})
# Words that make a group no one country's: "world leaders", "leaders of 54 nations", and generic reference ("no two
# people", "any website", "the different communities", the questions "which candidates have you supported?", "how many people")
UNPLACED_WORDS = frozenset({"world", "foreign", "international", "global", "multinational", "overseas",
                            "nations", "countries", "no", "any", "every", "different", "various",
                            "which", "whichever", "what", "how"})
