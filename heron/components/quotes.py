"""heron_quotes: who said what. Writes ``doc._.quotes`` (list[Quote]).

Rules over the dependency parse, cue-centred:

1. every reporting cue from the lexicon (said, told, warned, believes, according
   to, X's claim that ..., her call for ...) outside quote marks, with a subject
   (or a by-agent when passive, a possessor or "from X" for nouns), is an
   attribution; so is a line opening with a name or a source and a colon
   ("Smith: ...", "Poll: ..."), and a clause opened or closed by "in a poll"
   ("In a poll ..., ...", "Trump leads in the polls");
2. its content is the clausal complement (indirect; mixed when it holds quote
   marks), the object the lexicon allows, the quoted passages in its sentence
   or right beside it (direct), the clause it trails ("..., officials said") or
   splits ("The farms, he said, were sold"), or the clause an as-clause hangs on
   ("As the paper noted, ...");
3. quoted passages nobody claimed take the speaker of the nearest attributed
   quote in their paragraph, or continue the quote of the previous paragraph
   when the paragraph opens with a quote mark (not one- or two-word scare
   quotes), or else go to the last person named as a subject;
4. the speaker is the Actor of the subject token in ``doc._.actor_of`` when the
   actors component found one; he/she otherwise falls back to the nearest
   preceding person.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.lang.en.syntax import DUMMY_SUBJECTS, PERSON_PRONOUNS, PRONOUNS, SHORT_ANSWERS, TITLE_SMALL_WORDS
from heron.nlp.extensions import doc_text  # (importing it registers the doc._ attributes)
from heron.quotes.cues import Cue, cue_prepositions, load_cues
from heron.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from heron.records import Actor, Mention, Quote

SUBJECTS = ("nsubj", "csubj")
# The cue interrupts or trails the clause it reports: "Russia, officials said, is ...".
PARENTHETICAL = ("parataxis", "advcl", "conj")
NAME_LEFT = ("det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod")
NAME_RIGHT = ("compound", "flat", "nummod", "case")
SPEAKER_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
MIN_UNATTRIBUTED_TOKENS = 6
MIN_CARRIED_WORDS = 3
MAX_COLON_SPEAKER_TOKENS = 8
COLON_CUE = Cue(":", "PREP", "assert", "speech")


@dataclass
class _Found:
    """An attribution before ids are given: content as a char span, speaker as a token span."""

    start: int
    end: int
    kind: str
    cue: Span | None
    attitude: str
    speaker: Span | None
    confidence: float
    speaker_name: str | None = None
    speaker_id: str | None = None


def find_quotes(doc: Doc) -> list[Quote]:
    """The quotes of a parsed Doc, ordered by position, ids Q1.."""
    spans = find_quote_spans(doc_text(doc))
    cues = load_cues()
    found = [f for tok in doc for f in _attribute(doc, tok, cues, spans)]
    found += [f for f in map(lambda para: _colon_line(doc, para, spans), paragraphs(doc_text(doc))) if f is not None]
    found = sorted(_outermost(found), key=lambda f: f.start)
    for n, f in enumerate(found):
        _resolve(doc, f, found[:n])
    found += _unclaimed(doc, spans, found)
    found.sort(key=lambda f: (f.start, f.end))
    return [_to_quote(doc, f, n) for n, f in enumerate(found, start=1)]


# --- attributions anchored on a cue -------------------------------------------------


def _inside(i: int, spans: list[QuoteSpan]) -> QuoteSpan | None:
    return next((s for s in spans if s.start <= i < s.end), None)


def _attribute(doc: Doc, tok: Token, cues: dict, spans: list[QuoteSpan]) -> list[_Found]:
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
    found = None if _inside(tok.idx, spans) else handler(doc, tok, cue, spans)
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


def _verb_cue(doc: Doc, verb: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | list[_Found] | None:
    # "When asked by a reporter whether ...": a participle with a by-agent is passive without its auxiliary.
    if any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN" and verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in verb.children):
        return _passive_cue(doc, verb, cue, spans)
    subj = _subject(verb)
    # "The Post, which argued that ...": a relative "which" speaks for its noun; other wh-determiners never speak.
    relative_which = subj is not None and subj.lower_ == "which" and verb.dep_ == "relcl"
    if subj is None or subj.tag_ == "EX" or subj.tag_ == "WDT" and not relative_which or _inside(subj.idx, spans):
        return None
    speaker = _speaker_span(doc, subj)
    content = _complement(verb, cue)
    found = None if content is None else _with_marks(doc, *_char_span(content), spans, verb, cue, speaker)
    if found is not None:
        return found
    # "criticised the plan", "referred to the deal": what the verb takes is what is reported.
    obj = _object(verb, cue)
    if obj is not None:
        start, end = _char_span(obj)
        return _with_marks(doc, start, end, spans, verb, cue, speaker)
    # "demanded a ceasefire": an object that is not the message (nor the addressee of tell) rules out quotes nearby.
    if any(c.dep_ == "dobj" for c in verb.children) and cue.lemma != "tell":
        return None
    direct = _adjacent_quotes(doc, verb, speaker, spans)
    if direct:
        # “...,” she said, “...”: one quote per passage, so the content never holds the speaker.
        cue_span = doc[verb.i : verb.i + 1]
        return [_Found(d.start, d.end, "direct", cue_span, cue.attitude, speaker, 0.9) for d in direct]
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.right_edge.i > verb.right_edge.i:
        # "Many of the farms, he said, were sold", "It was, he said, a mistake": the cue splits the clause it reports.
        clause = _trim(doc[verb.head.left_edge.i : verb.head.right_edge.i + 1])
        return None if clause is None else _with_marks(doc, *_char_span(clause), spans, verb, cue, speaker, around=True)
    if verb.dep_ in PARENTHETICAL and verb.head.i < verb.i and verb.head.sent == verb.sent:
        first = min(verb.left_edge.i, speaker.start)
        return _clause_before(doc, verb, first, cue, speaker, spans)
    if verb.dep_ == "advcl" and cue.type == "speech" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return _as_clause(doc, verb, cue, speaker, spans)
    return None


def _mistagged_verb(doc: Doc, tok: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
    """ "..., a new poll shows." tagged as a plural noun: the words before it name the speaker, its clause is the content."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    words = [c for c in tok.lefts if c.dep_ in ("compound", "nsubj") and c.i > (clause.right_edge.i if clause is not None and clause.i < tok.i else -1)]
    if clause is None or not words:
        return None
    speaker = _speaker_span(doc, words[-1])
    content = _trim(doc[clause.left_edge.i : clause.right_edge.i + 1])
    if content is None or _inside(speaker.start_char, spans):
        return None
    return _with_marks(doc, *_char_span(content), spans, tok, cue, speaker)


def _passive_cue(doc: Doc, verb: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
    """ "The move was first reported by MSNBC": the agent speaks; the content is the clause or the passive subject."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None or _inside(source.idx, spans):
        return None
    content = _complement(verb, cue)
    if content is None:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in PRONOUNS), None)
        content = None if subj is None else doc[subj.left_edge.i : subj.right_edge.i + 1]
    if content is None:
        return None
    return _with_marks(doc, *_char_span(content), spans, verb, cue, _speaker_span(doc, source))


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
        return _trim(verb.doc[after[0].left_edge.i : after[0].right_edge.i + 1])
    if clauses:
        # "The pay is fine, but it was not the money, she said": fronted clauses side by side are one report.
        return _trim(verb.doc[clauses[0].left_edge.i : clauses[-1].right_edge.i + 1])
    # "said in a statement that ...": the parser hangs the clause on the medium.
    for prep in verb.rights:
        medium = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" and prep.lower_ == "in" else None
        clause = None if medium is None else next((c for c in medium.rights if c.dep_ in ("acl", "ccomp", "relcl")), None)
        if clause is not None and any(t.lower_ == "that" and t.dep_ == "mark" for t in clause.children):
            return _trim(verb.doc[clause.left_edge.i : clause.right_edge.i + 1])
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
            return verb.doc[child.left_edge.i : child.right_edge.i + 1]
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


def _is_title(quoted: str) -> bool:
    """“Meet the Press”, “@handle”, “May 2, 2016”: a short run of capitalised words, numbers or handles names something.

    One that exclaims or asks (“USA! USA!”, “What a night!”, “Any questions?”) is someone's words."""
    if quoted.strip("“”\"‘’'` ").endswith(("!", "?")):
        return False
    words = quoted.strip("“”\"‘’'`.,!?: ").split()
    return 0 < len(words) <= 5 and all(not w[0].islower() or w in TITLE_SMALL_WORDS for w in words)


def _according_to(doc: Doc, according: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
    to = next(c for c in according.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = according.sent
    phrase_start, phrase_end = according.left_edge.i, max(according.right_edge.i, source.right_edge.i)
    before = doc[sent.start : phrase_start]
    after = doc[phrase_end + 1 : sent.end]
    content = _trim(after if len(after) >= len(before) else before)
    if content is None:
        return None
    cue_span = doc[according.i : to.i + 1]
    start, end = _char_span(content)
    return _with_marks(doc, start, end, spans, cue_span, cue, _speaker_span(doc, source))


def _to_someone(doc: Doc, to: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
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
    content = _trim(doc[comma + 1 : to.sent.end])
    if content is None or len(content) < 3:
        return None
    return _with_marks(doc, *_char_span(content), spans, doc[to.i : to.i + 1], cue, _speaker_span(doc, who))


def _noun_cue(doc: Doc, noun: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
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
    if owner is None or owner.tag_ == "PRP$" and owner.lower_ in ("its", "their") or _inside(owner.idx, spans):
        return None
    content = _noun_content(noun, cue)
    if content is None:
        return None
    start, end = _char_span(content)
    return _with_marks(doc, start, end, spans, noun, cue, _speaker_span(doc, owner))


def _source_in(doc: Doc, noun: Token, cue: Cue, spans: list[QuoteSpan]) -> _Found | None:
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
        content = _trim(doc[prep.right_edge.i + 1 : clause.right_edge.i + 1])
    elif prep.i > clause.i and all(t.is_punct or t.is_space for t in doc[prep.right_edge.i + 1 : clause.right_edge.i + 1]):
        # "Trump leads in the polls": the clause the poll closes is what it reports.
        content = _trim(doc[clause.left_edge.i : prep.left_edge.i])
    else:
        return None
    if content is None or not content.start <= clause.i < content.end:
        return None
    return _with_marks(doc, *_char_span(content), spans, doc[prep.i : noun.i + 1], cue, _speaker_span(doc, noun))


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


def _colon_line(doc: Doc, para: tuple[int, int], spans: list[QuoteSpan]) -> _Found | None:
    """ "Sanders: Brexit could help Trump": a line opening with a name and a colon reports what follows.

    Headlines and transcripts attribute this way; the name must hold no verb ("Here is why:")
    and be short, so a sentence that merely contains a colon is no attribution.
    """
    colon_at = doc_text(doc).find(":", para[0], para[1])
    if colon_at < 0 or _inside(colon_at, spans):
        return None
    head = doc.char_span(para[0], colon_at, alignment_mode="contract")
    colon = doc.char_span(colon_at, colon_at + 1)
    if head is None or colon is None or not 0 < len(head) <= MAX_COLON_SPEAKER_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_digit for t in head):
        return None
    names = [e for e in doc.ents if head.start <= e.start and e.end <= head.end and e.label_ in SPEAKER_ENTS]
    # Transcripts name each turn's speaker in capitals: "SMITH: ...".
    if not names and len(head) == 1 and head[0].is_alpha and head[0].is_upper and len(head[0]) > 1:
        names = [head]
    # "Poll: ...", "New report: ...": a source the lexicon knows speaks in a headline as a name does.
    source = load_cues().get((head.root.lemma_.lower(), "NOUN"))
    if not names and source is not None and source.type == "source":
        names = [head]
    if not names:
        return None
    speaker = _speaker_span(doc, names[0].root)
    rest = doc_text(doc)[colon_at + 1 : para[1]]
    start = para[1] - len(rest.lstrip())
    # "Smith: 1,501." in a results table: what a name introduces is a claim only when it has a verb.
    said = doc.char_span(start, para[1], alignment_mode="expand")
    if said is None or not any(t.pos_ in ("VERB", "AUX") for t in said):
        return None
    return _with_marks(doc, start, para[1], spans, colon, COLON_CUE, speaker)


def _with_marks(doc, start, end, spans, cue_tok, cue: Cue, speaker: Span, around: bool = False) -> _Found | None:
    """Grow the content to whole quoted passages it touches; direct when it is only the quote.

    Content stays inside the cue's paragraph: the parser may run a sentence over a
    paragraph break, a quote never does here.
    """
    cue_at = cue_tok.start_char if isinstance(cue_tok, Span) else cue_tok.idx
    para = _paragraph_of(doc_text(doc), cue_at)
    start, end = max(start, para[0]), min(end, para[1])
    if not any(ch.isalnum() for ch in doc_text(doc)[start:end]):
        return None
    touched = [s for s in spans if s.start < end and s.end > start and para[0] <= s.start < para[1]]
    if touched:
        start, end = min(start, touched[0].start), max(end, touched[-1].end)
    cue_span = cue_tok if isinstance(cue_tok, Span) else doc[cue_tok.i : cue_tok.i + 1]
    if cue_span.start_char < end and cue_span.end_char > start and not around:
        # A cue inside its own content means the parse went astray: keep the part after the cue.
        start = cue_span.end_char
    kind = "indirect"
    if touched:
        outside = doc_text(doc)[start:end]
        for s in reversed(touched):
            outside = outside[: max(0, s.start - start)] + outside[max(0, s.end - start) :]
        kind = "direct" if sum(ch.isalnum() for ch in outside) <= 4 else "mixed"
        if kind == "direct" and _is_title(doc_text(doc)[start:end]):
            return None
    return _Found(start, end, kind, cue_span, cue.attitude, speaker, 0.8)


def _adjacent_quotes(doc: Doc, verb: Token, speaker: Span, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quoted passages the cue introduces or closes: in its sentence, or right before/after it in the paragraph."""
    sent = verb.sent
    para = _paragraph_of(doc_text(doc), verb.idx)
    in_sent = [s for s in spans if s.start < sent.end_char and s.end > sent.start_char and para[0] <= s.start < para[1]]
    in_sent = [s for s in in_sent if not (s.start <= speaker.start_char < s.end) and not _is_title(doc_text(doc)[s.start : s.end])]
    if in_sent:
        return sorted(in_sent, key=lambda s: s.start)
    # "He said:" closing a sentence of its own, the quote follows; after a colon, even in the next paragraph.
    sent_end = min(sent.end_char, para[1])
    rest = doc_text(doc)[verb.idx + len(verb.text) : sent_end].strip()
    if rest.endswith(":") or not rest.strip(".,"):
        limit = len(doc_text(doc)) if rest.endswith(":") else para[1]
        following = [s for s in spans if sent_end <= s.start < limit]
        if following and not doc_text(doc)[sent_end : following[0].start].strip():
            return following[:1]
    # '"...." He said.' split into two sentences: only the cue and its speaker are left, or they open it
    # ('"...!" he said to the crowd, ...').
    words = [t for t in sent if not t.is_punct and not t.is_space]
    opens = all(speaker.start <= t.i < speaker.end for t in words if t.i < verb.i)
    if len(words) <= len(speaker) + 4 or opens and verb.i > sent.start and speaker.end <= verb.i:
        preceding = [s for s in spans if para[0] <= s.start and s.end <= sent.start_char]
        if preceding and not doc_text(doc)[preceding[-1].end : sent.start_char].strip():
            return preceding[-1:]
    return []


def _clause_before(doc: Doc, verb: Token, first: int, cue: Cue, speaker: Span, spans: list[QuoteSpan]) -> _Found | None:
    content = _trim(doc[verb.sent.start : first])
    # "On Sunday, after the vote, she said ...": a fronted adverbial is no clause and reports nothing.
    if content is None or content.root.pos_ not in ("VERB", "AUX") and not any(_is_mark(t) for t in content):
        return None
    # "X said he voted for A and wrote in B": the clause before "wrote" is not what it reports; its head must lie there.
    if not content.start <= verb.head.i < content.end:
        return None
    start, end = _char_span(content)
    return _with_marks(doc, start, end, spans, verb, cue, speaker)


def _as_clause(doc: Doc, verb: Token, cue: Cue, speaker: Span, spans: list[QuoteSpan]) -> _Found | None:
    """ "As the paper noted, the mayor ...", "... , as she put it": the clause the as-clause hangs on, without it."""
    head = verb.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.i < head.i:
        content = _trim(doc[verb.right_edge.i + 1 : head.right_edge.i + 1])
    else:
        content = _trim(doc[head.left_edge.i : verb.left_edge.i])
    if content is None or not content.start <= head.i < content.end:
        return None
    return _with_marks(doc, *_char_span(content), spans, verb, cue, speaker)


def _trim(span: Span) -> Span | None:
    """Drop punctuation, conjunctions and spaces at both ends; None when no word is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc") and not _is_mark(doc[start]):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not _is_mark(doc[end - 1]):
        end -= 1
    return doc[start:end] if end > start else None


def _is_mark(tok: Token) -> bool:
    return any(ch in "“”\"‘’'«»" for ch in tok.text)


def _char_span(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _paragraph_of(text: str, i: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


# --- the speaker -------------------------------------------------------------------


def _entity_at(doc: Doc, i: int) -> Span:
    """The named entity token ``i`` is in, read off the tokens (``doc.ents`` builds every entity's Span)."""
    first = last = i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first : last + 1]


def _speaker_span(doc: Doc, head: Token) -> Span:
    """The words naming the speaker: the head noun with its modifiers, not appositions or clauses."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in NAME_LEFT:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in NAME_RIGHT or child.dep_ == "prep" and child.lower_ == "of":
            end = max(end, child.right_edge.i)
    if head.ent_type_ in SPEAKER_ENTS:
        ent = _entity_at(doc, head.i)
        start, end = min(start, ent.start), max(end, ent.end - 1)
    # A dateline ("CLEVELAND — ...") or a line break is never part of the name.
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].is_space or doc[k].text in ("—", "–", "--", ":"):
            start = k + 1
            break
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start : end + 1]


def _actor_of(doc: Doc, span: Span) -> str | None:
    actor_of = doc._.actor_of or {}
    head = span.root
    if head.i in actor_of:
        return actor_of[head.i]
    return next((actor_of[t.i] for t in span if t.i in actor_of), None)


def _proper_name(span: Span) -> str:
    """The named entity of the speaker mention, else the mention itself."""
    ent = next((e for e in span.doc.ents if e.start <= span.root.i < e.end and e.label_ in SPEAKER_ENTS), None)
    return ent.text if ent is not None else span.text


def _nearest_person(doc: Doc, before: int) -> Span | None:
    """The last person before ``before`` who is a subject: names in appositions or objects rarely speak next."""
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= before and e.root.dep_ in ("nsubj", "nsubjpass")]
    return persons[-1] if persons else None


def _names_person(f: _Found) -> bool:
    return f.speaker is not None and f.speaker_name is not None and any(t.ent_type_ == "PERSON" for t in f.speaker)


def _resolve(doc: Doc, found: _Found, earlier: list[_Found]) -> None:
    """Fill speaker id and name: actor_of first; he/she fall back to the nearest preceding person."""
    span = found.speaker
    if span is None:
        return
    found.speaker_id = _actor_of(doc, span)
    actors: dict[str, Actor] = {a.id: a for a in doc._.actors or []}
    head = span.root
    # "Smith, who said ...": the relative pronoun stays the mention, the speaker is the noun it stands for.
    if found.speaker_id is None and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        found.speaker_id = _actor_of(doc, _speaker_span(doc, head.head.head))
    proper = [t for t in span if t.pos_ == "PROPN"]
    if found.speaker_id in actors:
        name = actors[found.speaker_id].name
        # "Moscow" coded as the Kremlin still spoke as Moscow; "Mr Wallace" is better named "Ben Wallace".
        shares_word = any(t.text in name.split() for t in proper)
        found.speaker_name = name if shares_word or not proper else _proper_name(span)
        return
    if len(span) == 1 and head.lower_ in PERSON_PRONOUNS:
        prev = next((f for f in reversed(earlier) if _names_person(f) and f.speaker.end <= head.i), None)
        person = _nearest_person(doc, head.i)
        if person is not None and (prev is None or person.start > prev.speaker.end):
            found.speaker_id = _actor_of(doc, person)
            found.speaker_name = actors[found.speaker_id].name if found.speaker_id in actors else person.text
        elif prev is not None:
            found.speaker_id, found.speaker_name = prev.speaker_id, prev.speaker_name
        return
    if head.lower_ in PRONOUNS:
        found.speaker_name = head.text
        return
    found.speaker_name = _entity_at(doc, head.i).text if head.ent_type_ == "PERSON" else span.text


def _outermost(found: list[_Found]) -> list[_Found]:
    """PolNeAR-style univocal reading: a cue inside another attribution's content belongs to that content."""
    keep = []
    for f in found:
        nested = any(g is not f and g.start <= f.cue.start_char < g.end and (g.end - g.start) > (f.end - f.start) for g in found)
        duplicate = any(g.start == f.start and g.end == f.end for g in keep)
        if not nested and not duplicate:
            keep.append(f)
    return keep


# --- passages nobody claimed -------------------------------------------------------


def _unclaimed(doc: Doc, spans: list[QuoteSpan], found: list[_Found]) -> list[_Found]:
    claimed = [s for s in spans if any(f.start <= s.start and s.end <= f.end for f in found)]
    paras = paragraphs(doc_text(doc))
    starts = [p[0] for p in paras]
    extra: list[_Found] = []
    for s in spans:
        if s in claimed or _is_title(doc_text(doc)[s.start : s.end]):
            continue
        p = bisect_right(starts, s.start) - 1
        para = paras[p]
        known = sorted(found + extra, key=lambda f: f.start)
        same_para = [f for f in known if para[0] <= f.start < para[1] and f.speaker is not None]
        # A passage carries on the quote before it; only a paragraph's opening passage looks ahead.
        before = [f for f in same_para if f.start < s.start]
        source = before[-1] if before else min(same_para, key=lambda f: abs(f.start - s.start), default=None)
        opens = doc_text(doc)[para[0] : s.start].strip() == ""
        long_enough = len(doc_text(doc)[s.start : s.end].split()) >= MIN_UNATTRIBUTED_TOKENS
        if source is None and p > 0 and opens:
            # A paragraph opening with a quote carries on the quote of the previous paragraph.
            prev_para = paras[p - 1]
            previous = [f for f in known if prev_para[0] <= f.start < prev_para[1] and f.speaker is not None]
            source = previous[-1] if previous else None
        # A one- or two-word passage ("a “term of endearment”") is a scare quote far more often than speech.
        if source is not None and len(doc_text(doc)[s.start : s.end].split()) >= MIN_CARRIED_WORDS:
            speaker = _latest_mention(doc, source.speaker, s.start, spans)
            extra.append(replace(source, start=s.start, end=s.end, kind="direct", confidence=0.6, speaker=speaker))
        elif long_enough:
            # Nobody attributed anything near: a person named after the passage in its own sentence
            # ("“...,” Trump tweeted") is the likeliest speaker, else the last person named before it.
            guess = _Found(s.start, s.end, "direct", None, "assert", _person_near(doc, s, spans), 0.3)
            _resolve(doc, guess, known)
            extra.append(guess)
    return extra


def _person_near(doc: Doc, passage: QuoteSpan, spans: list[QuoteSpan]) -> Span | None:
    """The speaker guessed for a passage nobody is credited with. A name inside another quoted passage is
    what someone said, not who said it. A name in any role counts, not just a subject: the next speaker
    is often introduced as an object or in an apposition."""
    sent_end = doc.char_span(passage.start, passage.end, alignment_mode="expand")[-1].sent.end
    persons = [e for e in doc.ents if e.label_ == "PERSON" and not _inside(e.start_char, spans)]
    after = [e for e in persons if e.start_char >= passage.end and e.end <= sent_end]
    before = [e for e in persons if e.end_char <= passage.start]
    return after[0] if after else before[-1] if before else None


def _latest_mention(doc: Doc, speaker: Span, before: int, spans: list[QuoteSpan]) -> Span:
    """The speaker's name as last written before a passage that carries on their quote ("Sexton said ...
    Sexton added ..."), so the mention is the one nearest the words; the speaker itself when not renamed."""
    head = speaker.root
    if head.pos_ != "PROPN":
        return speaker
    limit = next((t.i for t in doc[speaker.end :] if t.idx >= before), len(doc))
    for tok in reversed(doc[speaker.end : limit]):
        if tok.text == head.text and tok.pos_ == "PROPN" and not _inside(tok.idx, spans):
            return _speaker_span(doc, tok)
    return speaker


def _to_quote(doc: Doc, f: _Found, n: int) -> Quote:
    return Quote(
        id=f"Q{n}",
        content=Mention(doc_text(doc)[f.start : f.end], f.start, f.end),
        kind=f.kind,
        speaker=f.speaker_id,
        speaker_name=f.speaker_name,
        speaker_mention=None if f.speaker is None else Mention(f.speaker.text, f.speaker.start_char, f.speaker.end_char),
        cue=None if f.cue is None else Mention(f.cue.text, f.cue.start_char, f.cue.end_char),
        attitude=f.attitude,
        confidence=f.confidence,
    )


class QuotesComponent:
    """Runs after heron_actors: reads ``doc._.actors``/``actor_of`` (may be None) and writes ``doc._.quotes``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory(
    "heron_quotes", requires=["doc._.actors", "doc._.actor_of", "token.dep"], assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
