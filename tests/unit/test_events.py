"""heron_events on hand-annotated sentences: the parse comes from spaCy, doc._ values are set here."""
from __future__ import annotations

import datetime as dt

import pytest

from heron.events.lexicon import EventLexiconError, has_rule, match_trigger, parse_triggers, parse_type_rules, type_rules
from heron.events.merge import merge_events
from heron.events.retype import reconcile
from heron.components.events import find_events, typing_input
from heron.components.parties import next_actor_number, find_parties
from heron.nlp.runner import to_extraction
from heron.records import Actor, Article, Event, Mention, Mode, Place, Quote, TimeRef
from heron.resolve import cameo

COUNTRY = {"Arland": "ARL", "Arlish": "ARL", "Borovia": "BOR", "Borovian": "BOR", "Cestia": "CES",
           "Dunmark": "DUN", "the alliance": None, "Minister Vell": "ARL", "Ostrana": "OST"}


def annotate(nlp, text, actors=(), places=(), times=(), quotes=(), date=dt.date(2024, 5, 10)):
    """Parse ``text`` and set doc._ by hand: every occurrence of an actor/place/time string is mapped."""
    doc = nlp(text)
    doc._.article_date = date

    def index(names, prefix, make):
        records, of = [], {}
        for n, name in enumerate(names, start=1):
            rec = make(f"{prefix}{n}", name)
            start = text.find(name)
            while start >= 0:
                span = doc.char_span(start, start + len(name), alignment_mode="expand")
                if isinstance(rec, TimeRef):
                    rec.mention = Mention(name, start, start + len(name))
                else:
                    rec.mentions.append(Mention(name, start, start + len(name)))
                for tok in span:
                    of[tok.i] = rec.id
                start = text.find(name, start + 1)
            records.append(rec)
        return records, of

    doc._.actors, doc._.actor_of = index(
        actors, "A", lambda i, n: Actor(id=i, name=n, country=COUNTRY.get(n), sector="GOV"))
    doc._.places, doc._.place_of = index(places, "P", lambda i, n: Place(id=i, name=n))
    doc._.times, doc._.time_of = index(
        [t for t, _ in times], "T", lambda i, n: TimeRef(id=i, value=dict(times)[n], granularity="day"))
    doc._.quotes = list(quotes)
    return doc


def events_of(doc):
    """What heron_parties and heron_events write: the candidate parties, then the events."""
    doc._.parties, doc._.party_of = find_parties(doc, next_actor_number(doc._.actors or []))
    doc._.events, doc._.event_times = find_events(doc)
    return doc._.events


def actors(doc):
    """The actors an event may name: the actor component's and the uncoded parties."""
    return [*doc._.actors, *(doc._.parties or [])]


def extracted(doc):
    """The article's records: the parties some event names join the actors, numbered after them."""
    return to_extraction(doc, Article(text=doc.text))


def names(doc, ids):
    by_id = {a.id: a.name for a in actors(doc)}
    return [by_id[i] for i in ids]


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_code_tables_are_consistent():
    for plover_type in cameo.PLOVER_TYPES:
        assert cameo.plover_default(plover_type).plover == plover_type
    assert cameo.cameo_info("0874").plover == "RETREAT"
    assert cameo.cameo_info("190").goldstein == -10.0
    assert cameo.quad("CONSULT") == 1 and cameo.quad("ASSAULT") == 4
    assert cameo.plv_root("RETREAT") == "YIELD" == cameo.plv_root("CONCEDE")
    assert cameo.consistent_cameo("0874", "CONCEDE").code == "080"
    with pytest.raises(KeyError):
        cameo.cameo_info("999")


def test_trigger_lexicon_rejects_a_code_of_another_type():
    with pytest.raises(EventLexiconError):
        parse_triggers("lemma\tpos\tplover\tcameo\trequires\nbomb\tVERB\tAGREE\t190\t\n")


def test_type_rules_are_data():
    # every PLOVER type has a row, the shared recipient prepositions come first, a type's own after them
    assert type_rules("RETREAT").recipient_preps[-2:] == ("from", "in")
    assert type_rules("ASSAULT").recipient_preps == type_rules("*").recipient_preps
    assert type_rules("CONSULT").refusal == "125" and type_rules("ASSAULT").refusal is None
    assert "0873".startswith(type_rules("RETREAT").intent) and type_rules("ACCUSE").intent is None
    assert has_rule("MOBILIZE", "object_is_force") and not has_rule("ASSAULT", "symmetric")
    header = "plover\trecipient_preps\trefusal\tintent\trules\n*\tto\t-\t-\t-\n"
    with pytest.raises(EventLexiconError):
        parse_type_rules(header + "ASSAULT\t-\t-\t-\tloud\n")
    with pytest.raises(EventLexiconError):
        parse_type_rules(header + "BRAWL\t-\t-\t-\t-\n")


def test_particle_and_object_readings(nlp):
    doc = nlp("The workers went on strike. The envoys struck a deal. The army struck the depot.")
    readings = {(t.i, t.text): match_trigger(t) for t in doc if match_trigger(t)}
    types = [(text, r.type) for (_, text), r in readings.items()]
    assert ("strike", "PROTEST") in types
    assert ("struck", "AGREE") in types and ("struck", "ASSAULT") in types


def test_transitive_verb(nlp):
    doc = annotate(nlp, "Borovia attacked Arland on Monday.", actors=["Borovia", "Arland"],
                   times=[("Monday", "2024-05-06")])
    event = only(events_of(doc), "ASSAULT")
    assert names(doc, event.sources) == ["Borovia"] and names(doc, event.targets) == ["Arland"]
    assert event.quad == 4 and event.goldstein == -10.0 and event.date.value == "2024-05-06"
    assert event.evidence.text == doc.text and event.trigger.text == "attacked"


def test_passive_voice(nlp):
    doc = annotate(nlp, "Arland was accused by Borovia of hiding weapons.", actors=["Borovia", "Arland"])
    event = only(events_of(doc), "ACCUSE")
    assert names(doc, event.sources) == ["Borovia"] and names(doc, event.targets) == ["Arland"]


def test_event_noun_with_demonym_and_against(nlp):
    doc = annotate(nlp, "Nine people died in an Arlish strike against the Borovian ministry in Tarsk.",
                   actors=["Arlish", "Borovian"], places=["Tarsk"])
    event = only(events_of(doc), "ASSAULT")
    assert names(doc, event.sources) == ["Arlish"] and names(doc, event.targets) == ["Borovian"]
    assert event.place == "P1"


def test_light_verb_noun(nlp):
    doc = annotate(nlp, "Cestia imposed tough sanctions on Borovia.", actors=["Cestia", "Borovia"])
    event = only(events_of(doc), "COERCE")
    assert event.cameo == "163" and names(doc, event.sources) == ["Cestia"] and names(doc, event.targets) == ["Borovia"]


def test_withdrawal_of_troops_names_the_source(nlp):
    doc = annotate(nlp, "The withdrawal of Borovian troops began.", actors=["Borovian"])
    event = only(events_of(doc), "RETREAT")
    assert names(doc, event.sources) == ["Borovian"] and event.targets == []


def test_coordinated_targets(nlp):
    doc = annotate(nlp, "Ostrana asked Arland, Cestia and Dunmark to send more doctors.",
                   actors=["Ostrana", "Arland", "Cestia", "Dunmark"])
    event = only(events_of(doc), "REQUEST")
    assert names(doc, event.targets) == ["Arland", "Cestia", "Dunmark"]
    assert event.cameo == "103"  # the complement "send" is aid: demand aid


def test_coordinated_sources_of_a_symmetric_event(nlp):
    doc = annotate(nlp, "Arland and Borovia met in Tarsk.", actors=["Arland", "Borovia"], places=["Tarsk"])
    event = only(events_of(doc), "CONSULT")
    assert names(doc, event.sources) == ["Arland"] and names(doc, event.targets) == ["Borovia"]
    assert event.place == "P1"


def test_complement_is_folded_into_one_event(nlp):
    doc = annotate(nlp, "Dunmark agreed to meet Cestia next week.", actors=["Dunmark", "Cestia"])
    events = events_of(doc)
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].cameo == "036" and names(doc, events[0].targets) == ["Cestia"]


def test_missing_source_stays_empty(nlp):
    doc = annotate(nlp, "Arland was shelled overnight.", actors=["Arland"])
    event = only(events_of(doc), "ASSAULT")
    assert event.sources == [] and names(doc, event.targets) == ["Arland"]


def test_an_event_with_no_party_at_all_is_not_kept(nlp):
    # nobody does it to nobody: no dyad an analyst could count ("a press release", "the virus killed two")
    doc = annotate(nlp, "Two villages near Tarsk were shelled overnight.", actors=[], places=["Tarsk"])
    assert events_of(doc) == []


def test_statement_only_sentence_has_no_event(nlp):
    doc = annotate(nlp, "Arland said the weather in the capital was mild.", actors=["Arland"])
    assert events_of(doc) == []


def test_no_event_without_trigger(nlp):
    doc = annotate(nlp, "The museum opens at nine and closes at five.", actors=[])
    assert events_of(doc) == []


@pytest.mark.parametrize("text, flag", [
    ("Borovia did not attack Arland.", "negated"),
    ("Borovia will attack Arland.", "future"),
    ("Borovia plans to deploy troops against Arland.", "future"),
    ("Borovia could attack Arland.", "hypothetical"),
    ("Borovia denied that its army attacked Arland.", "denied"),
])
def test_mode_flags(nlp, text, flag):
    doc = annotate(nlp, text, actors=["Borovia", "Arland"])
    event = next(e for e in events_of(doc) if e.type in ("ASSAULT", "MOBILIZE"))
    assert flag in event.mode.labels()


def test_negated_cooperation_is_a_refusal(nlp):
    doc = annotate(nlp, "Cestia will not release the Arlish sailors.", actors=["Cestia", "Arlish"])
    event = only(events_of(doc), "REJECT")
    assert event.cameo == "124" and not event.mode.negated


def test_conditional_offer_keeps_condition_span(nlp):
    doc = annotate(nlp, "Arland offered to disarm if Borovia guaranteed its borders.", actors=["Arland", "Borovia"])
    event = next(e for e in events_of(doc) if e.type == "AGREE")
    assert event.mode.conditional
    assert event.mode.condition.text.startswith("if Borovia guaranteed")


def test_reported_by_speaker_with_pronoun_subject(nlp):
    doc = annotate(nlp, "Borovia said it would pull back its forces from Tarsk.", actors=["Borovia"], places=["Tarsk"])
    event = only(events_of(doc), "RETREAT")
    assert event.mode.reported and event.mode.future
    assert event.speaker == "A1" and names(doc, event.sources) == ["Borovia"] and event.place == "P1"


def test_event_inside_quote_gets_quote_and_speaker(nlp):
    text = 'Minister Vell said: "Borovia attacked our ships."'
    start = text.index("Borovia")
    quote = Quote(id="Q1", content=Mention(text[start:-1], start, len(text) - 1), kind="direct", speaker="A1")
    doc = annotate(nlp, text, actors=["Minister Vell", "Borovia"], quotes=[quote])
    event = only(events_of(doc), "ASSAULT")
    assert event.quote == "Q1" and event.speaker == "A1" and event.mode.reported


def test_rule_out_and_possessed_request(nlp):
    doc = annotate(nlp, "The alliance ruled out Dunmark's calls for a naval blockade.", actors=["The alliance", "Dunmark"])
    events = events_of(doc)
    reject, request = only(events, "REJECT"), only(events, "REQUEST")
    assert names(doc, reject.sources) == ["The alliance"] and names(doc, reject.targets) == ["Dunmark"]
    assert names(doc, request.sources) == ["Dunmark"] and not request.mode.ruled_out


def test_merge_keeps_both_mentions(nlp):
    text = "Borovia shelled Arland on Monday. Arland said the Borovian shelling destroyed a bridge."
    doc = annotate(nlp, text, actors=["Borovia", "Arland", "Borovian"], times=[("Monday", "2024-05-06")])
    doc._.actors[2].country = "BOR"
    events = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert len(events) == 1 and len(events[0].mentions) == 1
    assert events[0].mentions[0].text.startswith("Arland said")


def test_merge_keeps_events_with_different_dates_apart():
    def ev(start, day):
        return Event(id="", type="ASSAULT", cameo="190", quad=4, goldstein=-10.0,
                     trigger=Mention("hit", start, start + 3), evidence=Mention("s", start, start + 10),
                     sources=["A1"], targets=["A2"], date=TimeRef("T", day, "day"))
    actors = [Actor(id="A1", name="x"), Actor(id="A2", name="y")]
    merged = merge_events([ev(0, "2024-05-01"), ev(20, "2024-05-03"), ev(40, "2024-05-03")], actors, {0: 0, 20: 1, 40: 2})
    assert [len(e.mentions) for e in merged] == [0, 1] and [e.id for e in merged] == ["E1", "E2"]


def test_a_merged_mention_naming_a_town_sharpens_the_place():
    def ev(start, place, sources):
        return Event(id="", type="RETREAT", cameo="087", quad=2, goldstein=9.0,
                     trigger=Mention("pull", start, start + 4), evidence=Mention("s", start, start + 10),
                     sources=sources, targets=[], place=place)
    actors = [Actor(id="A1", name="Borovia", code="BOR", country="BOR")]
    places = [Place(id="P1", name="Cestia", country="CES", feature="A.PCLI"),
              Place(id="P2", name="Velm", country="CES", feature="P.PPLC"),
              Place(id="P3", name="Tarsk", country="ARL", feature="P.PPL")]
    merged = merge_events([ev(0, "P1", ["A1"]), ev(20, "P2", [])], actors, {0: 0, 20: 1}, [False, True], places)
    assert len(merged) == 1 and merged[0].place == "P2"
    abroad = merge_events([ev(0, "P1", ["A1"]), ev(20, "P3", [])], actors, {0: 0, 20: 1}, [False, True], places)
    assert abroad[0].place == "P1"


def test_reconcile_with_classifier():
    kept = reconcile("ASSAULT", "195", "bomb", False, "ASSAULT", {"ASSAULT": 0.9})
    assert kept.type == "ASSAULT" and kept.cameo.code == "195"
    retyped = reconcile("ACCUSE", "112", "summon", False, "YIELD", {"YIELD": 0.8, "ACCUSE": 0.05})
    assert retyped.type == "RETREAT" and retyped.cameo.plover == "RETREAT"
    announced = reconcile("ACCUSE", "112", "summon", True, "YIELD", {"YIELD": 0.8, "ACCUSE": 0.05})
    assert announced.type == "CONCEDE"
    assert reconcile("ACCUSE", "112", "summon", False, "YIELD", {"YIELD": 0.8, "ACCUSE": 0.3}).type == "ACCUSE"
    assert reconcile("ACCUSE", "112", "summon", False, None, None).type == "ACCUSE"
    assert reconcile("REJECT", "120", "rule", False, "ACCUSE", {"ACCUSE": 0.9}, phrasal=True).type == "REJECT"


def test_typing_input_locates_source_target_and_trigger(nlp):
    doc = annotate(nlp, "Borovia attacked Arland.", actors=["Borovia", "Arland"])
    event = only(events_of(doc), "ASSAULT")
    item = typing_input(next(doc.sents), event, doc._.actor_of)
    assert (item.source, item.target, item.trigger) == ((0, 7), (17, 23), (8, 16))


def test_mode_labels_default():
    assert Mode().labels() == ["asserted"]


def test_future_cooperation_is_an_intention(nlp):
    doc = annotate(nlp, "Arland will meet Borovia in Tarsk next month.", actors=["Arland", "Borovia"], places=["Tarsk"])
    event = only(events_of(doc), "AGREE")
    assert event.cameo == "036" and event.mode.future and names(doc, event.targets) == ["Borovia"]


def test_participle_takes_the_subject_of_the_report(nlp):
    doc = annotate(nlp, "Ostrana published a report accusing Cestia of torture.", actors=["Ostrana", "Cestia"])
    event = next(e for e in events_of(doc) if e.type == "ACCUSE")
    assert names(doc, event.sources) == ["Ostrana"] and names(doc, event.targets) == ["Cestia"]


def test_folded_noun_lends_its_recipient(nlp):
    doc = annotate(nlp, "Dunmark called for sanctions against Borovia.", actors=["Dunmark", "Borovia"])
    events = events_of(doc)
    assert [e.type for e in events] == ["REQUEST"]
    assert names(doc, events[0].sources) == ["Dunmark"] and names(doc, events[0].targets) == ["Borovia"]


def test_recipient_on_the_object(nlp):
    doc = annotate(nlp, "Cestia delivered medical supplies to Ostrana.", actors=["Cestia", "Ostrana"])
    event = only(events_of(doc), "AID")
    assert names(doc, event.targets) == ["Ostrana"]


def test_bare_talks_take_the_parties_of_their_sentences(nlp):
    text = "Arland said the negotiations were useful. Talks ended in Tarsk after Borovia proposed a truce."
    doc = annotate(nlp, text, actors=["Arland", "Borovia"], places=["Tarsk"])
    talks = only(events_of(doc), "CONSULT")
    assert {*names(doc, talks.sources + talks.targets)} == {"Arland", "Borovia"}
    assert len(talks.mentions) == 1 and talks.place == "P1"


def test_demonym_names_the_country_actor(nlp):
    doc = annotate(nlp, "Peru protested after a Chilean raid hit the port.", actors=["Peru", "Chile"])
    doc._.actors[1].code = "CHL"
    raid = only(events_of(doc), "ASSAULT")
    assert names(doc, raid.sources) == ["Chile"]


def test_halting_aid_is_a_sanction_on_aid(nlp):
    doc = annotate(nlp, "Cestia suspended military aid to Ostrana.", actors=["Cestia", "Ostrana"])
    events = events_of(doc)
    assert [(e.type, e.cameo) for e in events] == [("SANCTION", "162")]
    assert names(doc, events[0].targets) == ["Ostrana"] and events[0].quad == 3


def test_uncoded_group_noun_becomes_a_party(nlp):
    doc = annotate(nlp, "Riot police arrested dozens of students outside the Arland embassy in Tarsk.",
                   actors=["Arland"], places=["Tarsk"])
    event = only(events_of(doc), "COERCE")
    police = next(a for a in actors(doc) if a.id in event.sources)
    students = next(a for a in actors(doc) if a.id in event.targets)
    # no country in their words, and a group noun the actor component did not claim: left uncoded
    assert (police.code, police.sector, police.context_country) == (None, "COP", False)
    assert police.mentions[0].text == "Riot police"
    assert students.code is None and students.sector == "EDU" and students.kind == "group"
    assert all(doc._.party_of[t.i] == police.id for t in doc[0:2])


def test_uncoded_party_takes_the_country_of_its_demonym(nlp):
    doc = annotate(nlp, "Kenyan soldiers shelled the village.", actors=[])
    event = only(events_of(doc), "ASSAULT")
    source = next(a for a in actors(doc) if a.id in event.sources)
    assert event.sources == [source.id] and (source.country, source.sector, source.code) == ("KEN", "MIL", None)


def test_coded_actor_is_kept_over_an_uncoded_party(nlp):
    doc = annotate(nlp, "Dunmark troops attacked the Cestia ministry.", actors=["Dunmark", "Cestia"])
    event = only(events_of(doc), "ASSAULT")
    assert names(doc, event.sources) == ["Dunmark"] and names(doc, event.targets) == ["Cestia"]
    assert [a.name for a in extracted(doc).actors] == ["Dunmark", "Cestia"]


def test_only_parties_an_event_names_are_kept(nlp):
    doc = annotate(nlp, "The farmers watched as Arland attacked Borovia. The police stayed home.",
                   actors=["Arland", "Borovia"])
    event = only(events_of(doc), "ASSAULT")
    assert names(doc, event.sources) == ["Arland"] and names(doc, event.targets) == ["Borovia"]
    assert [a.id for a in extracted(doc).actors] == ["A1", "A2"]


def test_kept_parties_are_numbered_after_the_coded_actors(nlp):
    doc = annotate(nlp, "Protesters attacked a police station while Arland watched. Later the court jailed two guards.",
                   actors=["Arland"])
    events_of(doc)
    result = extracted(doc)
    assert [a.id for a in result.actors] == [f"A{n}" for n in range(1, len(result.actors) + 1)]
    used = {i for e in result.events for i in e.sources + e.targets}
    assert used <= {a.id for a in result.actors} and len(result.actors) >= 3


def test_withdrawing_own_troops_targets_the_place_left(nlp):
    doc = annotate(nlp, "Dunmark is willing to withdraw its troops from Cestia.", actors=["Dunmark", "Cestia"])
    event = only(events_of(doc), "AGREE")
    assert names(doc, event.sources) == ["Dunmark"] and names(doc, event.targets) == ["Cestia"]


def test_allowing_a_party_access_makes_it_the_recipient(nlp):
    doc = annotate(nlp, "Ostrana agreed to allow Cestia inspectors unlimited access to the site.",
                   actors=["Ostrana", "Cestia"])
    event = only(events_of(doc), "AGREE")
    assert names(doc, event.targets) == ["Cestia"]


def test_purpose_clause_names_the_aid_recipient(nlp):
    doc = annotate(nlp, "Arland provided food and tents to feed Borovia's refugees.", actors=["Arland", "Borovia"])
    event = only(events_of(doc), "AID")
    assert names(doc, event.sources) == ["Arland"] and names(doc, event.targets) == ["Borovia"]


def test_future_release_is_a_promise_and_future_pull_back_stays_a_retreat(nlp):
    doc = annotate(nlp, "Dunmark said it will release the Cestia sailors next week.", actors=["Dunmark", "Cestia"])
    event = only(events_of(doc), "AGREE")
    assert event.cameo == "035" and names(doc, event.targets) == ["Cestia"]


def test_a_second_run_gives_the_same_events_and_actors(nlp):
    doc = annotate(nlp, "Riot police detained two Arland reporters. Students protested.", actors=["Arland"])
    first = [(e.type, e.sources, e.targets) for e in events_of(doc)]
    kept = [(a.id, a.name) for a in extracted(doc).actors]
    assert len(kept) > 1
    assert [(e.type, e.sources, e.targets) for e in events_of(doc)] == first
    assert [(a.id, a.name) for a in extracted(doc).actors] == kept


def test_a_place_that_locates_a_thing_is_not_a_party(nlp):
    doc = annotate(nlp, "Arland hosted the talks at a villa near the Danube.", actors=["Arland"], places=["Danube"])
    event = only(events_of(doc), "CONSULT")
    assert names(doc, event.sources) == ["Arland"] and event.targets == []
    assert [a.name for a in extracted(doc).actors] == ["Arland"]


def test_a_demonym_party_carries_its_country(nlp):
    doc = annotate(nlp, "Kenyans protested against Arland.", actors=["Arland"])
    event = only(events_of(doc), "PROTEST")
    source = next(a for a in actors(doc) if a.id in event.sources)
    assert (source.country, source.code, names(doc, event.targets)) == ("KEN", None, ["Arland"])


def _with_countries(doc, **countries):
    for place in doc._.places:
        place.country = countries.get(place.name)
    return doc


def test_a_truce_in_a_territory_targets_its_country(nlp):
    doc = _with_countries(annotate(nlp, "Arland declared a truce in Velm on Sunday.", actors=["Arland"],
                                   places=["Velm"]), Velm="CES")
    event = only(events_of(doc), "RETREAT")
    target = next(a for a in actors(doc) if a.id in event.targets)
    assert names(doc, event.sources) == ["Arland"]
    assert (target.name, target.kind, target.code, target.country) == ("Velm", "place", "CES", "CES")


def test_a_struck_site_is_placed_in_its_country(nlp):
    doc = _with_countries(annotate(nlp, "Arland bombed a fuel depot in Velm.", actors=["Arland"], places=["Velm"]),
                          Velm="CES")
    event = only(events_of(doc), "ASSAULT")
    assert names(doc, event.targets) == ["Velm"]


def test_a_venue_with_a_country_is_still_no_party(nlp):
    doc = _with_countries(annotate(nlp, "Arland hosted the talks at a villa near Velm.", actors=["Arland"],
                                   places=["Velm"]), Velm="CES")
    event = only(events_of(doc), "CONSULT")
    assert event.targets == [] and [a.name for a in extracted(doc).actors] == ["Arland"]


@pytest.mark.parametrize("text", [
    "A court in Velm sentenced Arland's envoy to two years in prison.",  # the court's seat
    "Arland sued the newspaper in Velm for libel.",  # where a suit was filed
    "The state of emergency over the flood ended in Velm on Sunday.",  # where a decree applies
])
def test_a_place_named_only_as_a_setting_is_no_party(nlp, text):
    doc = _with_countries(annotate(nlp, text, actors=["Arland"], places=["Velm"]), Velm="CES")
    events = events_of(doc)  # lists the candidate parties first
    assert all(a.name != "Velm" for a in actors(doc))
    assert all(a.country != "CES" for e in events for a in actors(doc) if a.id in e.sources + e.targets)


@pytest.mark.parametrize(("text", "type_", "source", "target"), [
    # a light verb lends its subject to the event noun
    ("Borovia intensified its shelling of Cestia.", "ASSAULT", "Borovia", "Cestia"),
    # the subject of a demanded clause is the one asked
    ("Arland demanded that Borovia release the prisoners.", "REQUEST", "Arland", "Borovia"),
    # a party inside a refused complement is the target
    ("Cestia refused to answer a request from Dunmark.", "REJECT", "Cestia", "Dunmark"),
])
def test_recipients_found_past_the_trigger(nlp, text, type_, source, target):
    doc = annotate(nlp, text, actors=[source, target])
    event = only(events_of(doc), type_)
    assert names(doc, event.sources) == [source] and names(doc, event.targets) == [target]


def test_a_reinforced_territory_is_target_and_place_not_the_units_sent(nlp):
    doc = _with_countries(annotate(nlp, "Borovia reinforced Velm with two armoured brigades.", actors=["Borovia"],
                                   places=["Velm"]), Velm="CES")
    event = only(events_of(doc), "MOBILIZE")
    assert names(doc, event.targets) == ["Velm"] and event.place == "P1"


def test_a_third_person_pronoun_in_a_direct_quote_is_not_the_speaker(nlp):
    text = 'Minister Vell said: "He is still shelling Tarsk."'
    start = text.index("He")
    quote = Quote(id="Q1", content=Mention(text[start:-1], start, len(text) - 1), kind="direct", speaker="A1")
    doc = annotate(nlp, text, actors=["Minister Vell"], places=["Tarsk"], quotes=[quote])
    event = only(events_of(doc), "ASSAULT")
    assert event.speaker == "A1" and event.sources == []


def test_what_is_done_to_a_territory_targets_the_place_it_happened(nlp):
    doc = _with_countries(annotate(nlp, "Arland deployed riot police across Velm after the vote.", actors=["Arland"],
                                   places=["Velm"]), Velm="CES")
    event = only(events_of(doc), "MOBILIZE")
    assert event.place == "P1" and names(doc, event.targets) == ["Velm"]


def test_a_named_town_as_a_recipient_is_coded_with_its_country(nlp):
    doc = _with_countries(annotate(nlp, "Arland sent food aid to Mosul.", actors=["Arland"], places=["Mosul"]),
                          Mosul="IRQ")
    event = only(events_of(doc), "AID")
    target = next(a for a in actors(doc) if a.id in event.targets)
    assert (target.name, target.code, target.country) == ("Mosul", "IRQ", "IRQ")


def test_the_nearest_reporter_of_a_nested_claim_is_its_speaker(nlp):
    text = "Minister Vell admitted defeat as Borovia said it would pull back its forces from Tarsk."
    start = text.index("defeat")
    quote = Quote(id="Q1", content=Mention(text[start:-1], start, len(text) - 1), kind="indirect", speaker="A1")
    doc = annotate(nlp, text, actors=["Minister Vell", "Borovia"], places=["Tarsk"], quotes=[quote])
    event = only(events_of(doc), "RETREAT")
    assert event.speaker == "A2" and names(doc, event.sources) == ["Borovia"]


def test_publishing_words_are_no_event(nlp):
    doc = annotate(nlp, "Arland released a statement on Borovia. Arland released two Borovian prisoners.",
                   actors=["Arland", "Borovia", "Borovian"])
    assert [(e.type, e.trigger.text) for e in events_of(doc)] == [("RETREAT", "released")]
    assert events_of(doc)[0].evidence.start > 30  # the prisoners, not the statement


def test_a_meeting_in_a_time_phrase_is_the_speaker_s(nlp):
    doc = annotate(nlp, "During a visit to Borovia, Minister Vell said the border would reopen.",
                   actors=["Borovia", "Minister Vell"])
    visit = only(events_of(doc), "CONSULT")
    assert names(doc, visit.sources) == ["Minister Vell"] and names(doc, visit.targets) == ["Borovia"]


def test_every_country_of_an_of_phrase_is_a_party(nlp):
    doc = annotate(nlp, "Following a phone call with the heads of Britain, France and Germany, the president said "
                        "the sanctions would stay.", actors=["Britain", "France", "Germany", "the president"])
    call = only(events_of(doc), "CONSULT")
    assert names(doc, call.sources) == ["the president"]
    assert names(doc, call.targets) == ["Britain", "France", "Germany"]


def test_victims_of_an_attack_are_its_toll_not_a_second_attack(nlp):
    doc = annotate(nlp, "Ten people were killed in an Arlish strike on Borovia.", actors=["Arlish", "Borovia"])
    strike = only(events_of(doc), "ASSAULT")
    assert strike.trigger.text == "strike" and names(doc, strike.sources) == ["Arlish"]
    assert names(doc, strike.targets)[0] == "Borovia"


def test_a_bare_surname_is_the_person_named_in_full(nlp):
    doc = annotate(nlp, "Maria Santos, a Borovian minister, resigned. On Friday Santos apologised to Arland.",
                   actors=["Maria Santos", "Arland"])
    doc._.actors[0].kind = "person"
    apology = only(events_of(doc), "SUPPORT")
    assert names(doc, apology.sources) == ["Maria Santos"]


def test_an_answer_aims_at_whoever_asked(nlp):
    doc = annotate(nlp, "Arland asked Borovia to return the prisoners. On Monday Borovia declined the request.",
                   actors=["Arland", "Borovia"])
    refusal = only(events_of(doc), "REJECT")
    assert names(doc, refusal.sources) == ["Borovia"] and names(doc, refusal.targets) == ["Arland"]


def test_whoever_claims_an_attack_is_its_source(nlp):
    doc = annotate(nlp, "Drones struck Borovia on Saturday. The Ostrana Front claimed responsibility "
                        "for the attacks.", actors=["Borovia", "The Ostrana Front"])
    attack = only(events_of(doc), "ASSAULT")
    assert names(doc, attack.sources) == ["The Ostrana Front"] and names(doc, attack.targets) == ["Borovia"]


def test_no_claim_of_responsibility_names_no_one(nlp):
    doc = annotate(nlp, "Drones struck Borovia on Saturday. The Ostrana Front has not claimed "
                        "responsibility.", actors=["Borovia", "The Ostrana Front"])
    assert only(events_of(doc), "ASSAULT").sources == []


def test_a_toll_told_before_its_attack_joins_it_and_the_attack_s_sentence_is_the_evidence(nlp):
    doc = annotate(nlp, "Ten soldiers were killed in Borovia on Sunday. Arland launched the strike at dawn.",
                   actors=["Arland", "Borovia"])
    attack = only(events_of(doc), "ASSAULT")
    assert attack.trigger.text == "strike" and names(doc, attack.sources) == ["Arland"]
    assert attack.evidence.start <= attack.trigger.start < attack.trigger.end <= attack.evidence.end
    assert len(attack.mentions) == 1 and doc.text[attack.mentions[0].start:].startswith("Ten soldiers")


def test_attacks_told_without_a_source_on_two_places_of_one_country_stay_two(nlp):
    doc = annotate(nlp, "Shells pounded Tarsk on Monday. Rockets struck Velm on Monday.", actors=["Tarsk", "Velm"])
    doc._.actors[0].country = doc._.actors[1].country = "BOR"
    assert [e.trigger.text for e in events_of(doc) if e.type == "ASSAULT"] == ["pounded", "struck"]


def test_a_toll_told_with_its_own_attack_does_not_join_an_earlier_one(nlp):
    doc = annotate(nlp, "Borovian guns pounded Tarsk. Ten people were killed in an Arlish strike on Velm.",
                   actors=["Borovian", "Tarsk", "Arlish", "Velm"])
    attacks = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert [e.trigger.text for e in attacks] == ["pounded", "strike"]


def test_an_arrest_without_agent_is_the_reporting_authority_s(nlp):
    doc = annotate(nlp, "The Arland police said that 71 protesters were arrested in Velm.", actors=["The Arland police"])
    arrest = only(events_of(doc), "COERCE")
    assert names(doc, arrest.sources) == ["The Arland police"]
    # a toll is not done by whoever reports it
    doc = annotate(nlp, "The Arland ministry said that two soldiers were killed in Velm.", actors=["The Arland ministry"])
    assert all(not e.sources for e in events_of(doc))


def test_a_call_on_a_date_is_no_request_and_a_call_to_discuss_is_a_consultation(nlp):
    doc = annotate(nlp, "Minister Vell called the Borovian ambassador on Monday.", actors=["Minister Vell", "Borovian"])
    assert [e.type for e in events_of(doc)] == []
    doc = annotate(nlp, "Minister Vell called the Borovian ambassador on Monday to discuss the border.",
                   actors=["Minister Vell", "Borovian"])
    call = only(events_of(doc), "CONSULT")
    assert call.trigger.text == "called" and names(doc, call.sources) == ["Minister Vell"]


def test_expelling_diplomats_is_a_sanction_and_expelling_a_journalist_coercion(nlp):
    doc = annotate(nlp, "Arland expelled four Borovian diplomats.", actors=["Arland", "Borovian"])
    assert [e.type for e in events_of(doc)] == ["SANCTION"]
    doc = annotate(nlp, "Arland expelled a Borovian journalist.", actors=["Arland", "Borovian"])
    assert [(e.type, e.cameo) for e in events_of(doc)] == [("COERCE", "174")]


def test_the_act_a_demand_names_is_no_event_of_its_own(nlp):
    doc = annotate(nlp, "Arland demanded the withdrawal of Borovian troops from Velm.", actors=["Arland", "Borovian"])
    assert [e.type for e in events_of(doc)] == ["REQUEST"]


def test_the_classifier_does_not_give_an_event_the_type_another_word_of_its_sentence_reads():
    probs = {"YIELD": 0.8, "ACCUSE": 0.05}
    assert reconcile("ACCUSE", "112", "accuse", False, "YIELD", probs).type == "RETREAT"
    assert reconcile("ACCUSE", "112", "accuse", False, "YIELD", probs, taken=frozenset({"YIELD"})).type == "ACCUSE"


def test_pardons_tributes_and_poisonings_from_the_training_annotations(nlp):
    for text, kind in (("Arland granted the Borovian journalist a full pardon.", "CONCEDE"),
                       ("Arland commuted the sentence of the Borovian journalist.", "CONCEDE"),
                       ("Arland paid tribute to Borovia.", "SUPPORT"),
                       ("Arland expressed disappointment at Borovia.", "ACCUSE"),
                       ("Arland agents poisoned the Borovian dissident.", "ASSAULT")):
        doc = annotate(nlp, text, actors=["Arland", "Borovian" if "Borovian" in text else "Borovia"])
        assert [e.type for e in events_of(doc)] == [kind], text


def test_a_judgement_of_an_act_done_to_someone_aims_at_its_author_not_its_victim(nlp):
    def parties(text, names):
        doc = annotate(nlp, text, actors=names)
        name = {a.id: a.name for a in doc._.actors}
        return [(e.type, [name.get(x) for x in e.sources], [name.get(x) for x in e.targets]) for e in events_of(doc)]

    # the attacker named earlier, or with the attack; nobody when the text names none
    assert ("ACCUSE", ["Cestia"], ["Arland"]) in parties(
        "Arland shelled the Borovian embassy in Velm. Cestia condemned the attack.", ["Arland", "Borovian", "Cestia"])
    assert ("ACCUSE", ["Cestia"], ["Arland"]) in parties(
        "Cestia condemned Arland's attack on the Borovian embassy.", ["Arland", "Borovian", "Cestia"])
    assert parties("Cestia condemned the attack on the Borovian embassy.", ["Borovian", "Cestia"]) == [
        ("ACCUSE", ["Cestia"], [])]
    assert ("ACCUSE", ["Borovia"], ["Arland"]) in parties(
        "Arland withdrew its troops from Velm on Monday. Borovia criticised the withdrawal.", ["Arland", "Borovia"])
    assert ("ACCUSE", ["Arland"], ["Cestia"]) in parties(
        "Cestia troops shot Dunmark protesters. Arland condemned the killing of the protesters.",
        ["Cestia", "Dunmark", "Arland"])
    # not for acts that have no victim, nor where the verb's own phrase names the author, nor for a time phrase
    assert parties("Arland welcomed the talks with Borovia.", ["Arland", "Borovia"]) == [("SUPPORT", ["Arland"], ["Borovia"])]
    assert parties("Arland blamed the attack on Borovia.", ["Arland", "Borovia"]) == [("ACCUSE", ["Arland"], ["Borovia"])]
    assert ("REJECT", ["Arland"], []) in parties(
        "Cestia shelled Dunmark. Arland rejected the report after the attack.", ["Cestia", "Dunmark", "Arland"])


def test_a_town_where_a_deed_befell_someone_named_is_not_its_target(nlp):
    doc = _with_countries(annotate(nlp, "Gunmen killed two visitors in Velm.", actors=[], places=["Velm"]),
                          Velm="CES")
    assert all("Velm" not in names(doc, e.targets) for e in events_of(doc))
