"""Attributions anchored on a cue: who said what, read off the dependency parse around a reporting word.

Every reporting cue from the lexicon (said, told, warned, believes, according to, X's claim that ...,
her call for ...) outside quote marks, with a subject (or a by-agent when passive, a possessor or
"from X" for nouns), is an attribution; so is a line opening with a name or a source and a colon
("Smith: ...", "Poll: ..."), and a clause opened or closed by "in a poll" ("In a poll ..., ...",
"Trump leads in the polls"). Its content is the clausal complement, the object the lexicon allows,
the quoted passages in its sentence or right beside it, the clause it trails or splits, or the
clause an as-clause hangs on (heron.quotes.content).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from heron.lang.en.syntax import DUMMY_SUBJECTS, PRONOUNS, SHORT_ANSWERS
from heron.nlp.extensions import doc_text
from heron.nlp.views import views
from heron.quotes.content import adjacent_quotes, as_clause, char_span, clause_before, says_something, trim, with_marks
from heron.quotes.cues import Cue, cue_prepositions, load_cues
from heron.quotes.found import Found
from heron.quotes.marks import QuoteSpan, inside
from heron.quotes.speakers import SPEAKER_ENTS, speaker_span

SUBJECTS = ("nsubj", "csubj")
# The cue interrupts or trails the clause it reports: "Russia, officials said, is ...".
PARENTHETICAL = ("parataxis", "advcl", "conj")
MAX_COLON_SPEAKER_TOKENS = 8
COLON_CUE = Cue(":", "PREP", "assert", "speech")
# What a verb says of its object right after it: "shows Clinton with a lead", "put her ahead".
OBJECT_PREDICATES = ("advmod", "npadvmod", "acomp", "oprd", "xcomp")
OBJECT_PREPOSITIONS = ("with", "as", "to", "for")


def attribute(doc: Doc, tok: Token, cues: dict, spans: list[QuoteSpan]) -> list[Found]:
    """The attributions ``tok`` introduces: one, or one per quoted passage around a direct cue."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        handler, cue = _according_to, cues[("according to", "PREP")]
    elif tok.lower_ == "to" and tok.dep_ == "prep" and tok.i == tok.sent.start:
        handler, cue = _to_someone, cues[("to", "PREP")]
    elif tok.pos_ == "VERB" and (lemma, "VERB") in cues and tok.dep_ != "amod":
        handler, cue = _verb_cue, cues[(lemma, "VERB")]
    elif tok.pos_ == "NOUN" and (lemma, "NOUN") in cues:
        handler, cue = _noun_cue, cues[(lemma, "NOUN")]
    elif tok.pos_ in ("NOUN", "PROPN") and (lemma, "VERB") in cues and tok.dep_ == "ROOT":
        handler, cue = _mistagged_verb, cues[(lemma, "VERB")]
    else:
        return []
    # a cue inside quote marks is part of what someone said
    found = None if inside(tok.idx, spans) else handler(doc, tok, cue, spans)
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    # "... said X and added that ...": the second verb shares the first one's subject.
    # "..., saying that ...", "went on to say ...": a participle or infinitive shares its head's subject.
    # An infinitive the parser hangs on as an adverbial ("came out to say that ...") shares it when it says a
    # clause; with only an object ("came to praise her") or as a belief ("waited to see whether ...") the
    # annotation gives it to the shared subject too seldom.
    infinitive = verb.dep_ == "advcl" and _says_clause(verb) and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ == "VBG" or infinitive:
        shared = _subject(_predicate(verb.head))
        # "It is hard to see why ...", "This leads one to suspect ...": a dummy subject hands nothing down.
        if (verb.dep_ == "xcomp" or infinitive) and shared is not None and shared.lower_ in DUMMY_SUBJECTS:
            return None
        return shared
    # "She issued a statement saying ...": the statement carries the words of whoever issued it.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and _is_medium(verb.head) and verb.head.dep_ == "dobj":
        return _subject(verb.head.head) or verb.head
    # "a group backing X": the noun the participle modifies. (A relative clause without a subject of its
    # own is a misparse far more often than "officials who said", whose "who" is the subject.)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    # "After saying ..., the man ...": the subject of the clause the preposition attaches to.
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _predicate(verb.head.head).pos_ in ("VERB", "AUX"):
        return _subject(_predicate(verb.head.head))
    return None


def _predicate(word: Token) -> Token:
    """The verb an adjective complements: "was quick to point out", "are united in backing" take its subject."""
    return word.head if word.pos_ == "ADJ" and word.dep_ == "acomp" else word


def _says_clause(verb: Token) -> bool:
    """A speech cue with a clause of its own: "to say that ...", "to explain why ..."."""
    cue = load_cues().get((verb.lemma_.lower(), "VERB"))
    return cue is not None and cue.type == "speech" and any(c.dep_ == "ccomp" for c in verb.children)


def _is_medium(noun: Token) -> bool:
    """A statement, an email, an ad: something people put words in, which the lexicon lists as a speech noun."""
    cue = load_cues().get((noun.lemma_.lower(), "NOUN"))
    return noun.pos_ == "NOUN" and cue is not None and cue.type == "speech"


def _verb_cue(doc: Doc, verb: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | list[Found] | None:
    # "When asked by a reporter whether ...": a participle with a by-agent is passive without its auxiliary.
    if any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN" and verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in verb.children):
        return _passive_cue(doc, verb, cue, spans)
    subj = _subject(verb)
    # "The Post, which argued that ...": a relative "which" speaks for its noun; other wh-determiners never speak.
    relative_which = subj is not None and subj.lower_ == "which" and verb.dep_ == "relcl"
    if subj is None or subj.tag_ == "EX" or subj.tag_ == "WDT" and not relative_which or inside(subj.idx, spans):
        return None
    speaker = speaker_span(doc, subj)
    content = _complement(verb, cue)
    found = None if content is None else with_marks(doc, *char_span(content), spans, verb, cue, speaker)
    if found is not None:
        return found
    # "criticised the plan", "referred to the deal": what the verb takes is what is reported.
    obj = _object(verb, cue)
    if obj is not None:
        start, end = char_span(obj)
        return with_marks(doc, start, end, spans, verb, cue, speaker)
    # "demanded a ceasefire": an object that is not the message (nor the addressee of tell) rules out quotes nearby.
    if any(c.dep_ == "dobj" for c in verb.children) and cue.lemma != "tell":
        return None
    direct = adjacent_quotes(doc, verb, speaker, spans)
    if direct:
        # “...,” she said, “...”: one quote per passage, so the content never holds the speaker.
        cue_span = doc[verb.i : verb.i + 1]
        return [Found(d.start, d.end, "direct", cue_span, cue.attitude, speaker, 0.9) for d in direct]
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.right_edge.i > verb.right_edge.i:
        # "Many of the farms, he said, were sold", "It was, he said, a mistake": the cue splits the clause it reports.
        clause = trim(doc[verb.head.left_edge.i : verb.head.right_edge.i + 1])
        return None if clause is None else with_marks(doc, *char_span(clause), spans, verb, cue, speaker, around=True)
    if verb.dep_ in PARENTHETICAL and verb.head.i < verb.i and verb.head.sent == verb.sent:
        first = min(verb.left_edge.i, speaker.start)
        return clause_before(doc, verb, first, cue, speaker, spans)
    if verb.dep_ == "advcl" and cue.type == "speech" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return as_clause(doc, verb, cue, speaker, spans)
    return None


def _mistagged_verb(doc: Doc, tok: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    """ "..., a new poll shows." tagged as a plural noun: the words before it name the speaker, its clause is the content."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    words = [c for c in tok.lefts if c.dep_ in ("compound", "nsubj") and c.i > (clause.right_edge.i if clause is not None and clause.i < tok.i else -1)]
    if clause is None or not words:
        return None
    speaker = speaker_span(doc, words[-1])
    content = trim(doc[clause.left_edge.i : clause.right_edge.i + 1])
    if content is None or inside(speaker.start_char, spans):
        return None
    return with_marks(doc, *char_span(content), spans, tok, cue, speaker)


def _passive_cue(doc: Doc, verb: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    """ "The move was first reported by MSNBC": the agent speaks; the content is the clause or the passive subject."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None or inside(source.idx, spans):
        return None
    content = _complement(verb, cue)
    if content is None:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in PRONOUNS), None)
        content = None if subj is None else doc[subj.left_edge.i : subj.right_edge.i + 1]
    if content is None:
        return None
    return with_marks(doc, *char_span(content), spans, verb, cue, speaker_span(doc, source))


def _complement(verb: Token, cue: Cue) -> Span | None:
    """The clause the cue reports; fronted ones too ("The talks failed, she said")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" or c.dep_ == "xcomp" and cue.reports_infinitive]
    # "asked the students if they were ...": the parser takes the question for an adverbial clause.
    if cue.attitude == "question":
        clauses += [c for c in verb.rights if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)]
    # With a clause on each side ("After the vote ended, she said the count was fair"), the parser mistook
    # a fronted adverbial for a complement: the clause after the cue is the one reported.
    after = [c for c in clauses if c.i > verb.i]
    if after:
        # "urged them to reconsider": whom the infinitive is about belongs to what is urged.
        obj = next((c for c in verb.children if c.dep_ == "dobj" and after[0].dep_ == "xcomp" and verb.i < c.i < after[0].i), None)
        start = after[0].left_edge.i if obj is None else obj.left_edge.i
        return trim(verb.doc[start : after[0].right_edge.i + 1])
    if clauses:
        # "The pay is fine, but it was not the money, she said": fronted clauses side by side are one report.
        return trim(verb.doc[clauses[0].left_edge.i : clauses[-1].right_edge.i + 1])
    # "said in a statement that ...": the parser hangs the clause on the medium.
    for prep in verb.rights:
        medium = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" and prep.lower_ == "in" else None
        clause = None if medium is None else next((c for c in medium.rights if c.dep_ in ("acl", "ccomp", "relcl")), None)
        if clause is not None and any(t.lower_ == "that" and t.dep_ == "mark" for t in clause.children):
            return trim(verb.doc[clause.left_edge.i : clause.right_edge.i + 1])
    return None


def _object(verb: Token, cue: Cue) -> Span | None:
    """The direct object, or the object of a following preposition ("called for", "pointed to"), when the lexicon says so."""
    # "called him a liar": what is said is the object with its predicate, not the object alone.
    oprd = next((c for c in verb.rights if c.dep_ == "oprd"), None)
    for child in verb.rights:
        # "Asked if he lied, he said no", "half said so", "a third said the same": an answer standing for a clause.
        if cue.takes_object and child.dep_ in ("intj", "advmod", "npadvmod") and child.lower_ in SHORT_ANSWERS:
            return verb.doc[child.left_edge.i : child.right_edge.i + 1]
        if child.dep_ == "dobj" and child.ent_type_ not in ("DATE", "TIME"):
            # "views the tariff as a betrayal": the object with what it is taken for.
            oprd = oprd or next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i > child.i), None)
            # "sees Cruz as a uniter": a belief verb whose object alone is no view ("saw the film") holds
            # one with what the object is taken for (the parser hangs the as-phrase on either).
            taken_as = oprd is not None and oprd.i > child.i or any(c.dep_ == "prep" and c.lower_ == "as" for c in child.rights)
            if not cue.takes_object and not (cue.type == "belief" and taken_as):
                continue
            if oprd is not None and oprd.i > child.i:
                return verb.doc[child.left_edge.i : oprd.right_edge.i + 1]
            # "accused Republicans of placing ...", "praised her for ...", "attacked him over the issue",
            # "expressed dismay at ...": the charge or the cause belongs to what is said.
            reason = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in cue_prepositions("reason") and c.i > child.i
                           and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)), None)
            if reason is not None:
                return verb.doc[child.left_edge.i : reason.right_edge.i + 1]
            return _with_predicate(verb, child)
        if child.dep_ == "prep" and cue.takes_prep and child.lower_ in cue_prepositions("content"):
            # "talked to McConnell about the court", "talked on social media about her views": the topic.
            child = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "about"), child)
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return verb.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
        # "called for the US to act": the parser reads "for" as opening a clause, which is the object all the same.
        mark = next((c for c in child.children if c.dep_ == "mark" and c.i == child.left_edge.i), None) if child.dep_ == "advcl" else None
        if mark is not None and cue.takes_prep and mark.lower_ in cue_prepositions("content"):
            return verb.doc[mark.i + 1 : child.right_edge.i + 1]
    return None


def _with_predicate(verb: Token, obj: Token) -> Span:
    """The object, and when it is a word or two, what the verb says of it right after it: "shows Clinton
    with a narrow lead", "put her ahead by three points" (a word or two alone is no quote)."""
    doc = verb.doc
    end = obj.right_edge.i
    if says_something(doc[obj.left_edge.i : end + 1].text):
        return doc[obj.left_edge.i : end + 1]
    for c in verb.rights:
        if c.i <= obj.i:
            continue
        # "in a speech", "on Monday": where and when it was said belong to no one's words.
        said_of = c.dep_ in OBJECT_PREDICATES or c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS
        if c.left_edge.i != end + 1 or not said_of or any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
            break
        end = c.right_edge.i
    return doc[obj.left_edge.i : end + 1]


def _according_to(doc: Doc, according: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    to = next(c for c in according.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = according.sent
    phrase_start, phrase_end = according.left_edge.i, max(according.right_edge.i, source.right_edge.i)
    before = doc[sent.start : phrase_start]
    after = doc[phrase_end + 1 : sent.end]
    content = trim(after if len(after) >= len(before) else before)
    if content is None:
        return None
    cue_span = doc[according.i : to.i + 1]
    start, end = char_span(content)
    return with_marks(doc, start, end, spans, cue_span, cue, speaker_span(doc, source))


def _to_someone(doc: Doc, to: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    """ "To Ms. Gil, skateboarding is a cry of dissent": a sentence opening "To <someone>," gives their view.

    Only a named speaker or a pronoun is someone: "To varying degrees, ..." and "To critics, ..." name
    no one or too vaguely for the annotation to credit them.
    """
    who = next((c for c in to.children if c.dep_ == "pobj"), None)
    if who is None or who.ent_type_ not in SPEAKER_ENTS and who.tag_ != "PRP":
        return None
    # The parser hangs the comma on the name or on the clause after it.
    comma = who.right_edge.i if who.right_edge.text == "," else who.right_edge.i + 1
    if comma >= to.sent.end or doc[comma].text != ",":
        return None
    content = trim(doc[comma + 1 : to.sent.end])
    if content is None or len(content) < 3:
        return None
    return with_marks(doc, *char_span(content), spans, doc[to.i : to.i + 1], cue, speaker_span(doc, who))


def _noun_cue(doc: Doc, noun: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    """ "Moscow's claim that ...", "a statement from the mayor that ...", "her call for talks", "his pledge to resign".

    The possessor, or the object of "from"/"by", is the speaker; the content is the that-clause,
    the infinitive, or (when the lexicon says the noun takes one) the object of its preposition.
    """
    if cue.type == "source":
        return _source_in(doc, noun, cue, spans)
    owner = _noun_owner(noun)
    # "voted in favor of the ban", "raised money in support of Rubio": a stance the phrase gives the
    # predicate it hangs on is held by that predicate's subject.
    if owner is None and noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ in ("VERB", "AUX"):
        owner = _subject(_predicate(noun.head.head))
    if owner is None or owner.tag_ == "PRP$" and owner.lower_ in ("its", "their") or inside(owner.idx, spans):
        return None
    content = _noun_content(noun, cue)
    if content is None:
        return None
    start, end = char_span(content)
    return with_marks(doc, start, end, spans, noun, cue, speaker_span(doc, owner))


def _source_in(doc: Doc, noun: Token, cue: Cue, spans: list[QuoteSpan]) -> Found | None:
    """ "In a poll released Monday, half the voters backed her", "Trump leads in the polls": the poll
    reports the clause it opens or closes (PolNeAR credits the polls with the standing they show).

    Only at either end of the clause, whose other words are then the content; and a clause whose verb is
    itself a cue ("In a poll, Gallup found ...") is that cue's to report.
    """
    prep = noun.head
    clause = prep.head
    opening = all(t.is_punct or t.is_space or t.dep_ == "cc" for t in doc[noun.sent.start : prep.i])
    if noun.dep_ != "pobj" or prep.lower_ != "in" or clause.pos_ not in ("VERB", "AUX"):
        return None
    if (clause.lemma_.lower(), "VERB") in load_cues():
        return None
    if opening:
        content = trim(doc[prep.right_edge.i + 1 : clause.right_edge.i + 1])
    elif prep.i > clause.i and all(t.is_punct or t.is_space for t in doc[prep.right_edge.i + 1 : clause.right_edge.i + 1]):
        # "Trump leads in the polls": the clause the poll closes is what it reports.
        content = trim(doc[clause.left_edge.i : prep.left_edge.i])
    else:
        return None
    if content is None or not content.start <= clause.i < content.end:
        return None
    return with_marks(doc, *char_span(content), spans, doc[prep.i : noun.i + 1], cue, speaker_span(doc, noun))


def _noun_owner(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in SPEAKER_ENTS):
                return pobj
    return None


def _noun_content(noun: Token, cue: Cue) -> Span | None:
    doc = noun.doc
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and any(t.lower_ == "that" and t.dep_ == "mark" for t in child.children):
            return doc[child.left_edge.i : child.right_edge.i + 1]
        if child.dep_ == "acl" and any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children):
            return doc[child.left_edge.i : child.right_edge.i + 1]
        if child.dep_ == "prep" and cue.takes_prep and child.lower_ in cue_prepositions("content"):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return None


def colon_line(doc: Doc, para: tuple[int, int], spans: list[QuoteSpan]) -> Found | None:
    """ "Sanders: Brexit could help Trump": a line opening with a name and a colon reports what follows.

    Headlines and transcripts attribute this way; the name must hold no verb ("Here is why:")
    and be short, so a sentence that merely contains a colon is no attribution.
    """
    colon_at = doc_text(doc).find(":", para[0], para[1])
    if colon_at < 0 or inside(colon_at, spans):
        return None
    head = doc.char_span(para[0], colon_at, alignment_mode="contract")
    colon = doc.char_span(colon_at, colon_at + 1)
    if head is None or colon is None or not 0 < len(head) <= MAX_COLON_SPEAKER_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_digit for t in head):
        return None
    names = [e for e in views(doc).ents if head.start <= e.start and e.end <= head.end and e.label_ in SPEAKER_ENTS]
    # Transcripts name each turn's speaker in capitals: "SMITH: ...".
    if not names and len(head) == 1 and head[0].is_alpha and head[0].is_upper and len(head[0]) > 1:
        names = [head]
    # "Poll: ...", "New report: ...": a source the lexicon knows speaks in a headline as a name does.
    source = load_cues().get((head.root.lemma_.lower(), "NOUN"))
    if not names and source is not None and source.type == "source":
        names = [head]
    if not names:
        return None
    speaker = speaker_span(doc, names[0].root)
    rest = doc_text(doc)[colon_at + 1 : para[1]]
    start = para[1] - len(rest.lstrip())
    # "Smith: 1,501." in a results table: what a name introduces is a claim only when it has a verb.
    said = doc.char_span(start, para[1], alignment_mode="expand")
    if said is None or not any(t.pos_ in ("VERB", "AUX") for t in said):
        return None
    return with_marks(doc, start, para[1], spans, colon, COLON_CUE, speaker)
