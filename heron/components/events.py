"""heron_events: PLOVER events from rules over the dependency parse, with CAMEO codes and modes.

For every sentence: lexicon triggers (verbs, event nouns, "willing") give candidate
events; the parse gives their source and target actors (event_args), their mode
(event_mode), place and date; an infinitive or object that is itself an event word is
folded into the event governing it ("agreed to meet" is one AGREE, CAMEO 036). A
negated cooperative event is a refusal (REJECT); a future consultation, support,
cooperation, aid or concession is an intention (AGREE), as the PLOVER manual codes them. The
trained type classifier (event_typer) may re-type a candidate that has both a source
and a target (event_retype). Repeated mentions are merged (event_merge). The people killed,
injured, arrested or displaced that a sentence counts go on the event of the sentence they
belong to (heron.events.magnitudes).
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.components.places import event_place
from heron.components.times import event_time
from heron.events.argument_model import ArgumentModel, crosses_clause, shipped_arguments
from heron.events.argument_model import candidates as argument_candidates
from heron.events.arguments import Args, Arguments, aims_at_author, light_verb, party_reader
from heron.events.event_filter import EventFilter, shipped_filter
from heron.events.lexicon import Trigger, has_rule, match_trigger, type_rules
from heron.events.magnitudes import attach, read_magnitudes, told_before
from heron.events.merge import merge_events
from heron.events.mode import (
    Report,
    condition_clause,
    event_mode,
    governors,
    reported_by,
)
from heron.events.responses import aim_answers
from heron.events.responsibility import credit_claimed_attacks
from heron.events.retype import reconcile
from heron.lang.en.syntax import (
    DEFINITE,
    LOCATIVE_PREPOSITIONS,
    SUBJECT_PRONOUNS,
    THIRD_PERSON,
)
from heron.nlp.extensions import doc_text  # (importing it registers the doc._ attributes)
from heron.nlp.views import span_text, span_tokens, views
from heron.records import Actor, Event, Mention, Mode, TimeRef
from heron.resolve.cameo import embedded_code, plv_root, quad
from heron.typer.inputs import TypingInput
from heron.typer.model import EventTyper, shipped_typer

log = logging.getLogger(__name__)

# Entity labels of names whose words report no event (an EVENT name, "the Gulf War", still may)
NAME_ENTITIES = frozenset({"ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
# Relations by which an event word is folded into the event word governing it.
# Demands, promises and threats: the act they name has not happened ("demanded the withdrawal of the
# monitors"), so it is folded into them even when it names its own actor
ASKED_FOR = frozenset({"REQUEST", "AGREE", "THREATEN"})
FOLDED = ("xcomp", "pcomp", "dobj", "pobj", "nsubjpass", "acomp")


@dataclass
class TriggerCandidate:
    token: Token
    trigger: Trigger
    args: Args
    carriers: list[Token] = field(default_factory=list)
    folded: list[Trigger] = field(default_factory=list)


def _carriers(token: Token, pos: str) -> list[Token]:
    if pos == "NOUN":
        verb = light_verb(token)
        return [verb] if verb is not None and match_trigger(verb) is None else []
    if pos == "ADJ":
        return [token.head] if token.head != token else []
    return []


def rule_arguments(reader: Arguments, token: Token) -> Args:
    """What the parse rules read as the source and target of an event word (empty for a word no trigger)."""
    trig = match_trigger(token)
    return _args(reader, token, trig, _carriers(token, trig.pos)) if trig is not None else Args()


def _args(reader: Arguments, token: Token, trig: Trigger, carriers: list[Token]) -> Args:
    if trig.pos == "VERB":
        args = reader.verb_args(token, trig.type)
    elif trig.pos == "ADJ":
        args = reader.adj_args(token, trig.type)
    else:
        args = reader.noun_args(token, trig.type, carriers[0] if carriers else None)
    return _without_venues(args, trig.type, reader.actors)


def _without_venues(args: Args, event_type: str, actors: list[Actor]) -> Args:
    """A place stands for its country only as the target of what is done to a territory ("a ceasefire in
    Idlib", "strikes on a depot in Kunar"); talks "at a villa near the Danube" have a venue, not a target."""
    places = {a.id for a in actors if a.kind == "place"}
    if places:
        args.sources = [a for a in args.sources if a not in places]
        if not has_rule(event_type, "place_target"):
            args.targets = [a for a in args.targets if a not in places]
    return args


def _governing_trigger(token: Token, args: Args) -> Token | None:
    """The event word this one is folded into, if any ("to meet" under "agreed", "the attack" under "condemned")."""
    gov = next(governors(token), None)
    gov_trig = match_trigger(gov.token) if gov is not None and gov.relation in FOLDED else None
    if gov is None or gov_trig is None:
        return None
    if gov.relation == "pobj" and gov.via.lower_ not in ("of", "for", "to", "from"):
        return None
    if token.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    if token.pos_ != "VERB" and args.sources and gov_trig.type not in ASKED_FOR:
        return None  # an event noun with its own actor is an event of its own ("X's calls for ...")
    return gov.token


def candidates(sent: Span, reader: Arguments) -> list[TriggerCandidate]:
    found: dict[int, TriggerCandidate] = {}
    folded: list[tuple[Token, Trigger, Args]] = []
    for token in span_tokens(sent):
        if token.ent_type_ in NAME_ENTITIES:
            continue  # a word of a name or title: "the Committee to Protect Journalists", "the Peace Prize"
        trig = match_trigger(token)
        if trig is None or (trig.pos == "VERB" and token.dep_ == "amod"):
            continue  # "the detained citizens": a participle used as an adjective reports no event of its own
        carriers = _carriers(token, trig.pos)
        args = _args(reader, token, trig, carriers)
        governor = _governing_trigger(token, args)
        if governor is not None:
            folded.append((governor, trig, args))
            continue
        found[token.i] = TriggerCandidate(token, trig, args, carriers)
    for governor, trig, inner in folded:
        host = found.get(governor.i)
        if host is not None:
            host.folded.append(trig)
            # "called for sanctions against X": the folded event's recipient is the host's; not so for a judgement
            # ("condemned the attack on X" aims at the attacker: heron.events.responses)
            if not host.args.targets and not aims_at_author(host.trigger.type, trig.type):
                host.args.targets = [a for a in inner.targets if a not in host.args.sources]
    return list(found.values())


def _trigger_mention(token: Token, trig: Trigger) -> Mention:
    """The trigger word, with its particle when the reading needs one ("ruled out", "pull back")."""
    end = token
    for child in token.rights:
        if child.i == end.i + 1 and (child.dep_ == "prt" or child.lower_ == trig.requires):
            end = child
    span = token.doc[token.i:end.i + 1]
    return Mention(span_text(span), span.start_char, span.end_char)


def _sentence_mention(sent: Span) -> Mention:
    return Mention(span_text(sent), sent.start_char, sent.end_char)


def _cameo_code(cand: TriggerCandidate) -> str:
    for inner in cand.folded:
        code = embedded_code(cand.trigger.type, inner.type)
        if code:
            return code
    return cand.trigger.cameo


def _refusal(event_type: str, code: str, mode: Mode) -> tuple[str, str]:
    """ "X will not release Y" is a refusal to yield: CAMEO 12x, PLOVER REJECT."""
    refusal = type_rules(event_type).refusal
    if mode.negated and refusal is not None:
        mode.negated = False
        return "REJECT", refusal
    return event_type, code


def _intent(event_type: str, code: str, mode: Mode) -> tuple[str, str]:
    """PLOVER manual: CONSULT, SUPPORT, COOPERATE, AID and concessions told in the future are intentions, coded
    AGREE (CAMEO 03x: "will meet" -> 036 express intent to meet, "will release" -> 035 intent to yield).
    Which types and codes are promises: the intent column of event_type_rules.tsv."""
    promises = type_rules(event_type).intent
    promise = promises is not None and code.startswith(promises)
    if mode.future and not mode.negated and promise:
        return "AGREE", embedded_code("AGREE", event_type) or "030"
    return event_type, code


def _place(token: Token, trig: Trigger, carriers: list[Token]) -> str | None:
    """The places component's reading when it has one, else a locative phrase on the trigger, its carrier or its object."""
    found = event_place(token.doc, token)
    if found:
        return found
    place_of = token.doc._.place_of or {}
    if not place_of:
        return None
    # troops pull back "from" where they were
    preps = LOCATIVE_PREPOSITIONS | {"from"} if trig.type == "RETREAT" else LOCATIVE_PREPOSITIONS
    heads = [token, *carriers, *(g.token for g in governors(token) if g.relation in ("xcomp", "conj"))]
    heads += [o for h in list(heads) for c in h.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "dobj"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for tok in prep.subtree:
                    if tok.i in place_of:
                        return place_of[tok.i]
    if has_rule(trig.type, "place_target"):
        # "shelled Kharkiv", "reinforced the Donbas": a territory acted on is where it happened
        for obj in token.children:
            if obj.dep_ == "dobj" and obj.i in place_of:
                return place_of[obj.i]
    return None


def _speaker_fallback(args: Args, report: Report | None, reader: Arguments) -> None:
    """ "Russia said it would ...": a pronoun subject of a reported clause is the reporting actor."""
    if args.sources or report is None or report.speaker is None:
        return
    pronouns = [t for t in args.source_tokens if t.lower_ in SUBJECT_PRONOUNS and reader.actor_at(t) is None]
    if not pronouns:
        return
    quote = next((q for q in pronouns[0].doc._.quotes or [] if q.id == report.quote), None)
    if quote is not None and quote.kind == "direct" and pronouns[0].lower_ in THIRD_PERSON:
        return  # in the speaker's own words, "he is pounding X" is about someone else
    args.sources = [report.speaker]


# Who may report an arrest they made: "police said 71 people were arrested"
AUTHORITY_SECTORS = frozenset({"COP", "GOV", "JUD", "MIL", "SPY"})
ARRESTS = ("173", "174")  # CAMEO: arrest or detain; expel or deport individuals


def _authority_fallback(args: Args, token: Token, trig: Trigger, report: Report | None, reader: Arguments) -> None:
    """ "Police said 71 people were arrested": an arrest told in the passive with no agent, reported by the
    police, a ministry, a court or the armed forces, was made by them (the event coding guidelines code the
    reporting authority as the source). Victims' tolls ("were killed") are not: the one who reports them is
    seldom the one who did it."""
    if args.sources or not trig.cameo.startswith(ARRESTS) or report is None or report.speaker is None:
        return
    if not any(c.dep_ == "nsubjpass" for c in token.children) or any(c.dep_ == "agent" for c in token.children):
        return
    speaker = reader.by_id.get(report.speaker)
    if speaker is not None and speaker.sector in AUTHORITY_SECTORS and report.speaker not in args.targets:
        args.sources = [report.speaker]


def _first_span(sent: Span, actor_id: str | None, actor_of: dict[int, str]) -> tuple[int, int] | None:
    """Sentence-relative character span of the first run of tokens mapped to ``actor_id``."""
    if actor_id is None:
        return None
    toks = [t for t in span_tokens(sent) if actor_of.get(t.i) == actor_id]
    if not toks:
        return None
    run = [toks[0]]
    for tok in toks[1:]:
        if tok.i != run[-1].i + 1:
            break
        run.append(tok)
    return run[0].idx - sent.start_char, run[-1].idx + len(run[-1]) - sent.start_char


def typing_input(sent: Span, event: Event, actor_of: dict[int, str]):
    """What the classifier reads: the sentence with the first source and target mentions located
    (``actor_of``: token.i -> the actor id an event's parties refer to)."""
    source = _first_span(sent, event.sources[0] if event.sources else None, actor_of)
    target = _first_span(sent, event.targets[0] if event.targets else None, actor_of)
    if source and target and source[0] < target[1] and target[0] < source[1]:
        target = None
    trigger = (event.trigger.start - sent.start_char, event.trigger.end - sent.start_char)
    return TypingInput(sentence=span_text(sent), source=source, target=target, trigger=trigger, doc=sent)


def predict_types(typer, drafts: list[tuple[Event, Span]], actor_of: dict[int, str]
                  ) -> list[tuple[str | None, dict[str, float] | None]]:
    """Classifier root and probabilities per draft event; (None, None) where the classifier is not asked."""
    out: list[tuple[str | None, dict[str, float] | None]] = [(None, None)] * len(drafts)
    # The classifier learnt from (source, target) pairs: an event missing either keeps its lexicon type.
    paired = [n for n, (event, _) in enumerate(drafts) if event.sources and event.targets]
    if typer is None or not paired:
        return out
    try:
        predictions = typer.predict([typing_input(drafts[n][1], drafts[n][0], actor_of) for n in paired])
    except ValueError as err:  # a classifier problem must not lose the article's events
        log.warning("event typer failed, keeping lexicon types: %s", err)
        return out
    for n, p in zip(paired, predictions):
        out[n] = (p.root, dict(p.probs))
    return out


def is_definite_noun(token: Token) -> bool:
    """ "the withdrawal", "this offer", bare plural "talks": an event noun that can point back to an event already told."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    if dets:
        return dets[0] in DEFINITE
    return token.tag_ == "NNS"


def _clause_subject_actors(span: Span, reader: Arguments) -> list[str]:
    """Actors that are subjects of the clauses of a sentence, leaving out "if ..." clauses."""
    found: list[str] = []
    for tok in span:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        if any(g.relation == "advcl" and condition_clause(g.token) == g.via for g in governors(tok.head)) or \
                condition_clause(tok.head.head) == tok.head:
            continue
        actor = reader.actor_at(tok) or reader.np_actor(tok)
        if actor and actor not in found:
            found.append(actor)
    return found


def fill_parties(events: list[Event], doc: Doc, reader: Arguments) -> None:
    """Talks named without their parties ("the talks broke up") are between the actors driving the sentences
    that mention them: the clause subjects and the reporting speaker. Only when that gives two or more parties;
    the event's confidence is halved since the parties are inferred."""
    for event in events:
        if not has_rule(event.type, "context_parties") or event.sources or event.targets:
            continue
        parties: list[str] = []
        for mention in [event.evidence, *event.mentions]:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                parties += [a for a in _clause_subject_actors(span, reader) if a not in parties]
        if event.speaker and event.speaker not in parties:
            parties.append(event.speaker)
        if len(parties) >= 2:
            event.sources, event.targets = parties[:1], parties[1:]
            event.confidence = round(event.confidence / 2, 3)


def find_events(doc: Doc, typer=None, arguments: ArgumentModel | None = None,
                event_filter: EventFilter | None = None) -> tuple[list[Event], list[TimeRef]]:
    """All events of a parsed document whose actor/place/time/quote attributes are set, and the times
    derived while dating them ("two days later" counted from the previous event).

    ``typer`` is the type classifier (see :func:`load_typer`); None keeps the lexicon types. ``arguments`` is
    the argument model (see :func:`load_arguments`); None keeps the parse rules' sources and targets.
    ``event_filter`` (see :func:`load_filter`) keeps the events an annotator would count; None keeps all.
    Events are found, folded and merged with the actor component's actors; a source or target
    still missing is then looked for among the parties it left uncoded (``doc._.parties``: "the
    police", "protesters").
    """
    known = list(doc._.actors or [])
    known_map = dict(doc._.actor_of or {})
    derived: list[TimeRef] = []
    wider = party_reader(doc)
    drafts = _drafts(doc, Arguments(known, known_map), derived)
    told = told_types(drafts)
    _type(typer, drafts, known_map, told)
    sentence_of = {sent.start_char: n for n, sent in enumerate(views(doc).sents)}
    anaphoric = [is_definite_noun(c.token) for _, _, c in drafts]
    merged = merge_events([e for e, _, _ in drafts], known, sentence_of, anaphoric, doc._.places or [])
    # typed again once the parties complete its pair; not an event that took a merged mention's trigger, whose
    # draft sentence and candidate are no longer its own
    _type(typer, [(e, sent, cand) for e, sent, cand in drafts
                  if _fill_from_parties(e, [c for _, _, c in _folded_into(e, drafts, merged)], wider, arguments)
                  and sent.start_char <= e.trigger.start and e.trigger.end <= sent.end_char], wider.of, told)
    fill_parties(merged, doc, wider)
    _place_as_target(merged, doc, wider.of)
    aim_answers(merged, doc, sentence_of)
    credit_claimed_attacks(merged, doc, wider, sentence_of)
    # an event nobody does to nobody cannot be counted as a dyad: "the virus killed two", "a press release"
    kept = [e for e in merged if e.sources or e.targets]
    _count_people(kept, drafts, merged, doc)
    if event_filter is not None:
        kept = event_filter.kept(kept, doc, wider.by_id)
        for n, event in enumerate(kept, start=1):
            event.id = f"E{n}"
    return kept, derived


def _place_as_target(events: list[Event], doc: Doc, actor_of: dict[int, str]) -> None:
    """What is done to a territory with no other recipient ("declared a ceasefire effective Sunday in X",
    "troops were deployed across X") targets the place where it happened, named in its sentence."""
    place_of = doc._.place_of or {}
    for event in events:
        if event.targets or event.place is None or not has_rule(event.type, "place_target"):
            continue
        named = [actor_of[i] for i, p in place_of.items()
                 if p == event.place and i in actor_of and event.evidence.start <= doc[i].idx < event.evidence.end]
        if named and named[0] not in event.sources:
            event.targets = named[:1]


def _folded_into(event: Event, drafts: list[tuple[Event, Span, TriggerCandidate]], merged: list[Event]
                 ) -> list[tuple[Event, Span, TriggerCandidate]]:
    """The drafts behind a kept event: its own, then those merged into it; none if not kept."""
    if not any(m is event for m in merged):
        return []
    told = [event.evidence, *event.mentions]
    own = [d for d in drafts if d[0] is event]
    absorbed = [d for d in drafts if d[0].type == event.type and d[0].evidence in told
                and not any(m is d[0] for m in merged)]
    return own + absorbed


def _count_people(events: list[Event], drafts: list[tuple[Event, Span, TriggerCandidate]], merged: list[Event],
                  doc: Doc) -> None:
    """The magnitudes (killed, injured, arrested ...) the sentences count, each given to the event of its sentence
    it belongs to (:func:`heron.events.magnitudes.attach`); a sentence telling no event ("At least 12 were
    killed.") gives its counts, running totals aside, to the event of their kind told as having happened in the
    sentence before it in its paragraph."""
    told: dict[int, dict[int, tuple[Event, str, list[int]]]] = {}
    for event in events:
        for _, sent, cand in _folded_into(event, drafts, merged):
            told.setdefault(sent.start, {}).setdefault(id(event), (event, event.type, []))[2].append(cand.token.i)
    sents = views(doc).sents
    for n, sent in enumerate(sents):
        readings = read_magnitudes(sent)
        if not readings:
            continue
        if sent.start in told:
            pairs = attach(readings, list(told[sent.start].values()))
        else:
            # the sentence before, in the same paragraph, and what it tells as having happened
            gap = doc_text(doc)[sents[n - 1].start_char:sent.start_char] if n else "\n"
            same = "\n" not in gap[len(gap.rstrip()):]
            before = [t for t in told.get(sents[n - 1].start, {}).values() if _happened(t[0].mode)] if same else []
            pairs = [(r, e) for r in readings if not r.magnitude.cumulative
                     and (e := told_before(r.magnitude.kind, before)) is not None]
        for reading, event in pairs:
            event.magnitudes.append(reading.magnitude)
    for event in events:
        event.magnitudes.sort(key=lambda m: m.evidence.start if m.evidence else -1)


def _happened(mode: Mode) -> bool:
    return not (mode.negated or mode.future or mode.hypothetical or mode.conditional or mode.denied
                or mode.ruled_out)


def _fill_from_parties(event: Event, cands: list[TriggerCandidate], reader: Arguments,
                       model: ArgumentModel | None = None) -> bool:
    """Fill a missing source or target from the uncoded parties (``reader`` includes them): the parse rules'
    second look, then the argument model's reading; True when the event thereby gains its source-target
    pair, so that it is worth typing again."""
    if not cands or (event.sources and event.targets):
        return False
    bare = not event.sources and not event.targets
    for cand in cands:
        fuller = _args(reader, cand.token, cand.trigger, cand.carriers)
        if model is not None:
            fuller = _learnt(cand, fuller, model, reader, rescue=bare)
        event.sources = event.sources or fuller.sources
        event.targets = event.targets or [a for a in fuller.targets if a not in event.sources]
    return bool(event.sources and event.targets)


def _learnt(cand: TriggerCandidate, rule: Args, model: ArgumentModel, reader: Arguments, rescue: bool) -> Args:
    """The rules' reading ``rule`` with its empty sides filled by the argument model, from every party of the
    sentence (the rules' reading among its features). Where the rules read a side, they keep it: on the gold's
    dev articles the model alone scores no better (article-level cross-validation) and it breaks up the long
    coordinations the rules read whole. An event with no party at all (``rescue``) takes the model's reading
    only as a whole dyad, source and target: a lone party there mostly belongs to a word that tells no event
    (article-level cross-validation on the gold's dev articles: type F1 0.627, dyad F1 0.443, against 0.618 and
    0.434 when any party rescues the word). Event words merged into an earlier event ("the withdrawal") are not
    asked: they tell that event again."""
    cands = argument_candidates(cand.token, cand.trigger.type, reader.by_id, reader.of, rule.sources, rule.targets)
    if quad(cand.trigger.type) in (2, 4):
        # "X said Y is shelling Z": who reports a deed is not its doer ("X said it would ..." is the speaker
        # fallback's, through the pronoun)
        cands = [c for c in cands if not crosses_clause(c.path)]
    sources, targets = model.choose(cands, rule.sources, rule.targets)
    if rescue and not (rule.sources or rule.targets) and not (sources and targets):
        return rule
    sources = rule.sources or sources
    return Args(sources, rule.targets or [a for a in targets if a not in sources], rule.source_tokens)


def _drafts(doc: Doc, reader: Arguments, derived: list[TimeRef]) -> list[tuple[Event, Span, TriggerCandidate]]:
    drafts: list[tuple[Event, Span, TriggerCandidate]] = []
    previous: TimeRef | None = None
    for sent in views(doc).sents:
        for cand in candidates(sent, reader):
            own_actor = cand.trigger.pos == "NOUN" and bool(cand.args.sources)
            mode = event_mode(cand.token, cand.carriers, own_actor)
            report = reported_by(cand.token, reader)
            _speaker_fallback(cand.args, report, reader)
            _authority_fallback(cand.args, cand.token, cand.trigger, report, reader)
            if report is not None:
                mode.reported = True
            event_type, code = _intent(*_refusal(cand.trigger.type, _cameo_code(cand), mode), mode)
            date = event_time(doc, cand.token, previous, derived)
            previous = date if date is not None and not date.fallback else previous
            event = Event(
                id="", type=event_type, cameo=code, quad=None, goldstein=None,
                trigger=_trigger_mention(cand.token, cand.trigger), evidence=_sentence_mention(sent),
                sources=cand.args.sources, targets=[a for a in cand.args.targets if a not in cand.args.sources],
                mode=mode, place=_place(cand.token, cand.trigger, cand.carriers), date=date,
                quote=report.quote if report else None, speaker=report.speaker if report else None,
            )
            drafts.append((event, sent, cand))
    return drafts


def told_types(drafts: list[tuple[Event, Span, TriggerCandidate]]) -> dict[int, list[tuple[int, str]]]:
    """Per sentence (its first token), each event word's token and the PLV root of its lexicon reading."""
    told: dict[int, list[tuple[int, str]]] = {}
    for _, sent, cand in drafts:
        told.setdefault(sent.start, []).append((cand.token.i, plv_root(cand.trigger.type)))
    return told


def _type(typer, drafts: list[tuple[Event, Span, TriggerCandidate]], actor_of: dict[int, str],
          told: dict[int, list[tuple[int, str]]]) -> None:
    """Final type, CAMEO code, quad class, Goldstein and confidence: lexicon reading, classifier where it may speak.

    ``told`` (:func:`told_types` of every draft) keeps the classifier from giving an event the type another
    event word of its sentence reads by the lexicon: it reads a whole sentence, and what it says is then
    about that other word ("resigned after being accused": the accusation is no second resignation)."""
    predictions = predict_types(typer, [(e, s) for e, s, _ in drafts], actor_of)
    for (event, sent, cand), (root, probs) in zip(drafts, predictions):
        others = frozenset(r for i, r in told.get(sent.start, []) if i != cand.token.i)
        typed = reconcile(event.type, event.cameo, cand.trigger.lemma, event.mode.future, root, probs,
                          phrasal=bool(cand.trigger.requires), taken=others)
        event.type, event.cameo = typed.type, typed.cameo.code
        event.quad, event.goldstein = quad(typed.type), typed.cameo.goldstein
        arg_share = (bool(event.sources) + bool(event.targets)) / 2
        event.confidence = round(typed.confidence * (0.5 + 0.5 * arg_share), 3)


def _load_model(name: str, what: str, shipped: Callable[[], Any], load: Callable[[str], Any]) -> Any:
    """The model a config names: "shipped" (None, with a warning, when heron/data/models has no usable one),
    "none" for none, or the folder of a model saved by ``heron train --out``."""
    if name == "none":
        return None
    if name == "shipped":
        try:
            return shipped()
        except (OSError, ValueError, KeyError) as err:
            log.warning("no usable shipped %s: %s", what, err)
            return None
    return load(name)


def load_typer(name: str) -> EventTyper | None:
    """The type classifier: without one, events keep their lexicon types."""
    return _load_model(name, "event typer, keeping lexicon types", shipped_typer, EventTyper.load)


def load_arguments(name: str) -> ArgumentModel | None:
    """The argument model: without one, the parse rules alone read sources and targets."""
    return _load_model(name, "argument model, keeping the parse rules' parties", shipped_arguments,
                       ArgumentModel.load)


def load_filter(name: str) -> EventFilter | None:
    """The event filter: without one, every event found with a party is kept."""
    return _load_model(name, "event filter, keeping every event found", shipped_filter, EventFilter.load)


LOADERS = {"typer": load_typer, "arguments": load_arguments, "filter": load_filter}


@Language.factory(
    "heron_events",
    default_config={"typer": "shipped", "arguments": "shipped", "filter": "shipped"},
    requires=["doc._.actors", "doc._.actor_of", "doc._.places", "doc._.place_of", "doc._.times", "doc._.quotes",
              "doc._.parties", "doc._.party_of"],
    assigns=["doc._.events", "doc._.event_times"],
)
def make_events(nlp: Language, name: str, typer: str, arguments: str, filter: str) -> EventsComponent:
    return EventsComponent(typer, arguments, filter)


class EventsComponent:
    """``typer``, ``arguments`` and ``filter`` (config): "shipped", "none" or a model folder; the models are
    read on first use, so that a pipeline starts fast. :meth:`using` swaps in a typer object for a while
    (cross-validation folds), :meth:`using_arguments` an argument model (None: the parse rules alone),
    :meth:`using_filter` an event filter (None: keep every event)."""

    def __init__(self, typer: str = "shipped", arguments: str = "shipped", filter: str = "shipped") -> None:
        self.names = {"typer": typer, "arguments": arguments, "filter": filter}
        self._models: dict[str, Any] = {}  # kind -> the loaded model (None: none)

    def _model(self, kind: str) -> Any:
        if kind not in self._models:
            self._models[kind] = LOADERS[kind](self.names[kind])
        return self._models[kind]

    @property
    def typer(self) -> EventTyper | None:
        return self._model("typer")

    @property
    def arguments(self) -> ArgumentModel | None:
        return self._model("arguments")

    @contextlib.contextmanager
    def _swapped(self, kind: str, model: Any) -> Iterator[Any]:
        saved = dict(self._models)
        self._models[kind] = model
        try:
            yield model
        finally:
            self._models = saved

    def using(self, typer: EventTyper | None) -> contextlib.AbstractContextManager[EventTyper | None]:
        """``with component.using(t): ...`` types events with ``t`` and restores the configured typer after."""
        return self._swapped("typer", typer)

    def using_arguments(self, model: ArgumentModel | None) -> contextlib.AbstractContextManager[ArgumentModel | None]:
        """``with component.using_arguments(m): ...`` reads parties with ``m`` and restores the model after."""
        return self._swapped("arguments", model)

    def using_filter(self, model: EventFilter | None) -> contextlib.AbstractContextManager[EventFilter | None]:
        """``with component.using_filter(f): ...`` keeps events with ``f`` and restores the filter after."""
        return self._swapped("filter", model)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events, doc._.event_times = find_events(doc, self.typer, self.arguments, self._model("filter"))
        return doc
