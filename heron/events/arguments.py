"""Who did it to whom: the source and target actors of a trigger, read off the dependency parse.

Only the actors an :class:`Arguments` reader is given count: an argument that is not one of
them stays empty rather than guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from heron.events.lexicon import has_rule, load_force_nouns, load_light_verbs, match_trigger, type_rules
from heron.lang.en.syntax import OCCASION_PREPOSITIONS, OWN_POSSESSIVES, REFLEXIVE, RELATIVE
from heron.records import Actor

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "dative")
LIGHT_VERB_DEPS = ("dobj", "nsubjpass", "attr")


@dataclass
class Args:
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    source_tokens: list[Token] = field(default_factory=list)


def _pobjs(token: Token, preps: tuple[str, ...], skip: Token | None = None) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps and child != skip:
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return out


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, following control ("X agreed to meet"), coordination and relative clauses."""
    subjects = SUBJ
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in subjects:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "xcomp":
            objects = [c for c in verb.head.children if c.dep_ in OBJ]
            if objects:
                return objects[0]
            verb = verb.head
            subjects = SUBJ + PASSIVE_SUBJ  # "X would be obliged to defend": X controls the complement
        elif verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        elif verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)):
            verb = verb.head  # "X said ..., calling it ...", "X started a strike to protest ...": the main clause's subject
        elif verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "a report accusing X": the report's author, when the report is an object; else the noun itself
            noun = verb.head
            if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "AUX", "ADP"):
                verb = noun.head if noun.dep_ == "dobj" else noun.head.head
                subjects = SUBJ
            else:
                return noun
        elif verb.dep_ in ("acomp",) or verb.pos_ == "ADJ":
            verb = verb.head
        else:
            return None
    return None


def _target_preps(event_type: str) -> tuple[str, ...]:
    """The prepositions introducing the recipient (event_type_rules.tsv)."""
    preps = type_rules(event_type).recipient_preps
    # "reinforced X with battalions": what a force is built from is no recipient
    return tuple(p for p in preps if p != "with") if has_rule(event_type, "object_is_force") else preps


def _own_force(noun: Token) -> bool:
    """ "willing to withdraw its troops from X", "offered to send troops to X": what the actor moves is its
    own, the recipient is in the prepositional phrase."""
    own = any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in noun.children)
    return own or noun.lemma_.lower() in load_force_nouns()


def _split_symmetric(args: Args, sources: list[Token], event_type: str) -> Args:
    """ "X and Y met": with no other recipient, the first party is the source and the others the targets."""
    if has_rule(event_type, "symmetric") and not args.targets and len(args.sources) > 1:
        args.targets = args.sources[1:]
        args.sources = args.sources[:1]
    return args


def light_verb(noun: Token) -> Token | None:
    """The verb that only carries an event noun ("launched an attack", "imposed sanctions", "held talks")."""
    while noun.dep_ in ("conj", "compound") and noun.head.pos_ in ("NOUN", "PROPN"):
        # "expressed its rejection and condemnation of X"; "launched a mediation effort"
        noun = noun.head
    verb = None
    if noun.dep_ in LIGHT_VERB_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head  # "went on strike", "engaged in talks"
    if verb is not None and verb.lemma_.lower() in load_light_verbs():
        return verb
    return None


def possessor_misparsed(child: Token) -> bool:
    """ "Zelensky’s calls": with a curly apostrophe the parser may label the possessor nsubj of the noun."""
    return child.dep_ == "nsubj" and child.i < child.head.i and any(c.dep_ == "case" for c in child.children)


# Acts done to someone: judging one ("condemned the attack on X") aims at its author, not at X
DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "RETREAT"})


def aims_at_author(judge_type: str, act_type: str) -> bool:
    """Whether an event of ``judge_type`` that names an act of ``act_type`` aims at who did the act (rule
    judges_an_act: "condemned the attack on X"), not at the act's recipient; "welcomed the talks with X", "praised
    the aid to X" keep X."""
    return has_rule(judge_type, "judges_an_act") and act_type in DONE_TO
# Verbs of judgement whose own prepositional phrase names the author of the act ("blamed the attack on X")
AUTHOR_NAMING = frozenset({"blame", "attribute", "pin"})


class Arguments:
    """Reads sources and targets off the parse, counting only the actors it is given.

    ``actors`` and ``of`` (token.i -> actor id) are the actors an argument may be: the actor component's,
    or those together with the parties it left uncoded (``doc._.parties``) for a second look.
    """

    def __init__(self, actors: list[Actor], of: dict[int, str]) -> None:
        self.actors = actors
        self.of = of
        self.by_id = {a.id: a for a in actors}
        self._base = None  # the actor base, fetched on first use

    def actor_at(self, token: Token) -> str | None:
        """The id of the actor ``token`` is a mention of, or None."""
        return self.of.get(token.i)

    def demonym_actor(self, token: Token) -> str | None:
        """ "a Russian strike": the article's actor for the country a demonym names, when the article has one.

        The actor component maps names; an adjective before an event noun often stays unmapped.
        Preference: the country itself, then its government, then its military.
        """
        if token.pos_ not in ("ADJ", "PROPN") or not token.text[:1].isupper():
            return None
        if self._base is None:  # once per reader: load_base() checks the user's actors file on every call
            from heron.resolve.actor_base import load_base

            self._base = load_base()
        iso3 = self._base.demonym(token.text)
        if iso3 is None:
            return None
        ranked = {iso3: 0, f"{iso3}GOV": 1, f"{iso3}MIL": 2}
        candidates = [a for a in self.actors if a.code in ranked]
        return min(candidates, key=lambda a: ranked[a.code]).id if candidates else None

    def np_actor(self, head: Token) -> str | None:
        """The actor a noun phrase names: its head, else a modifier ("Russian forces", "Kyiv's offer"), else its "of" phrase."""
        if head.lower_ in REFLEXIVE:
            return None
        found = self.actor_at(head)
        if found:
            return found
        for child in head.lefts:
            if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                found = self.actor_at(child) or (self.np_actor(child) if child.dep_ != "amod" else self.demonym_actor(child))
                if found:
                    return found
        for child in head.rights:
            if child.dep_ == "appos":
                found = self.actor_at(child)
                if found:
                    return found
            if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := self.actor_at(obj) or self.np_actor(obj)):
                        return found
        return None

    def np_actors(self, head: Token) -> list[str]:
        """Actors of a noun phrase and of its conjuncts ("the US, China and France")."""
        out: list[str] = []
        for tok in (head, *head.conjuncts):
            found = self.np_actor(tok)
            if found and found not in out:
                out.append(found)
            if found:
                # "the leaders of the UK, France and Germany": each country of the "of" phrase is a party
                for obj in _pobjs(tok, ("of",)):
                    for conj in obj.conjuncts:
                        if (other := self.actor_at(conj)) and other not in out:
                            out.append(other)
        return out

    def _first_actors(self, heads: list[Token]) -> list[str]:
        for head in heads:
            found = self.np_actors(head)
            if found:
                return found
        return []

    def _deep_actor(self, heads: list[Token]) -> list[str]:
        """The first actor anywhere inside a recipient phrase ("the killing of civilians by X's forces"), as a last resort."""
        for head in heads:
            for tok in head.subtree:
                found = self.actor_at(tok)
                if found:
                    return [found]
        return []

    def _judged_authors(self, heads: list[Token], event_type: str) -> list[str] | None:
        """Who did the act an event judges ("condemned Arland's attack on X": Arland; "condemned the attack on
        X": nobody named), when the event judges acts (rule judges_an_act) and the first of its recipient
        phrases that names anything names an act; None otherwise."""
        if not has_rule(event_type, "judges_an_act"):
            return None
        for head in heads:
            act = match_trigger(head) if head.pos_ == "NOUN" else None
            if act is not None:
                return self.noun_args(head, act.type, None).sources if aims_at_author(event_type, act.type) else None
            if self.np_actors(head):
                return None
        return None

    def verb_args(self, verb: Token, event_type: str) -> Args:
        passive = any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)
        args = Args()
        objects: list[Token] = []
        if passive:
            agents = [c for c in verb.children if c.dep_ == "agent"]
            sources = [o for a in agents for o in a.children if o.dep_ == "pobj"]
            targets = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
        else:
            subj = clause_subject(verb)
            sources = [subj] if subj is not None else []
            # "mobilised troops against X": the object is the actor's own force, not the recipient;
            # "withdrew its troops from X", "sent troops to X": the recipient is in a prepositional phrase
            objects = [c for c in verb.children if c.dep_ in OBJ]
            # "reinforced the Donbas with troops": a place as the object is where the force goes
            targets = [o for o in objects if o.i in (verb.doc._.place_of or {})] if has_rule(event_type, "object_is_force") else \
                [o for o in objects if not (has_rule(event_type, "moves_own_force") and _own_force(o))]
        args.sources = self._first_actors(sources)
        args.source_tokens = sources
        preps = _pobjs(verb, _target_preps(event_type))
        # "blamed the attack on X": the "on" phrase names the author, whom the parse rules already take
        authors = self._judged_authors(targets + preps, event_type) if verb.lemma_ not in AUTHOR_NAMING else None
        if authors is not None:
            args.targets = [a for a in authors if a not in args.sources]
            return _split_symmetric(args, sources, event_type)
        # "provided assistance to X": the recipient often hangs on the object rather than the verb
        object_preps = [p for t in objects for p in _pobjs(t, ("to", "for", "against", "on", "into"))] if not passive else []
        args.targets = (self._first_actors(targets) or self._first_actors(preps) or self._first_actors(object_preps)
                        or self._complement_targets(verb, event_type))
        if not args.targets:
            args.targets = [a for a in self._deep_actor(targets + preps) if a not in args.sources]
        return _split_symmetric(args, sources, event_type)

    def _complement_targets(self, verb: Token, event_type: str) -> list[str]:
        """The recipient named inside an infinitive complement ("refused to meet with X", "threatened to shell X")."""
        complements = ("xcomp", "ccomp")
        children = list(verb.children)
        if has_rule(event_type, "purpose_recipient"):
            # "provided aid to support X", "donated equipment to assist X": the purpose clause names the recipient
            complements += ("advcl", "acl")
            children += [c for o in verb.children if o.dep_ in OBJ for c in o.children]
        for child in children:
            if child.dep_ in ("advcl", "acl") and not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                continue
            # "called for X to withdraw": a clause marked "for" is the complement, its subject the one asked
            for_clause = child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
            if (child.dep_ in complements or for_clause) and child.pos_ in ("VERB", "AUX"):
                objects = [c for c in child.children if c.dep_ in OBJ and not _own_force(c)]
                # "agreed to allow X access": the subject of the clause the complement governs
                allowed = [s for c in child.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
                if (child.dep_ == "ccomp" or for_clause) and has_rule(event_type, "clause_subject_is_target"):
                    allowed += [c for c in child.children if c.dep_ == "nsubj"]
                heads = objects + _pobjs(child, _target_preps(event_type)) + allowed
                # "refused to answer a request from X": the party is inside the complement's object
                found = self._first_actors(heads) or self._deep_actor(heads)
                if found:
                    return found
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("ADJ", "NOUN"):
                # a small clause: "found X guilty", "declared X a terrorist group"
                found = self._first_actors([c for c in child.children if c.dep_ == "nsubj"])
                if found:
                    return found
        return []

    def noun_args(self, noun: Token, event_type: str, carrier: Token | None) -> Args:
        """Arguments of an event noun: its modifiers, its prepositions, then the light verb's subject and prepositions."""
        args = Args()
        own_sources: list[Token] = []
        own_targets: list[Token] = []
        for child in noun.children:
            if child.dep_ == "poss" or possessor_misparsed(child):
                # "the opposition leader's arrest": the possessor undergoes it; but with an "of" object the
                # possessor is the agent ("Russia's seizure of Crimea")
                undergoes = has_rule(event_type, "poss_is_target") and not _pobjs(noun, ("of",))
                (own_targets if undergoes else own_sources).append(child)
            elif child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and (self.actor_at(child) or self.demonym_actor(child)):
                own_sources.append(child)
        own_sources += _pobjs(noun, ("by", "from") if has_rule(event_type, "from_is_source") else ("by",))
        of_objects = _pobjs(noun, ("of",))
        if has_rule(event_type, "of_is_source"):
            own_sources += of_objects
        else:
            own_targets += of_objects
        between = _pobjs(noun, ("between", "among"))
        if between:
            parties = self._first_actors(between)
            args.sources, args.targets = parties[:1], parties[1:]
        modifiers = [a for t in own_sources if t.dep_ == "amod" and (a := self.actor_at(t) or self.demonym_actor(t))]
        args.sources = args.sources or self._first_actors([t for t in own_sources if self.actor_at(t) or self.np_actor(t)]) or modifiers[:1]
        # "criticism of the attack on X" aims at the attacker (found in an earlier sentence if not here), not at X
        authors = self._judged_authors(own_targets + _pobjs(noun, _target_preps(event_type)), event_type)
        if authors is not None:
            args.targets = args.targets or authors
        else:
            args.targets = args.targets or self._first_actors(own_targets) or self._first_actors(_pobjs(noun, _target_preps(event_type)))
        args.source_tokens = own_sources
        if carrier is not None:
            if not args.sources:
                subj = clause_subject(carrier)
                if subj is not None and subj != noun:
                    args.sources = self.np_actors(subj)
                    args.source_tokens = [subj]
            if not args.targets and authors is None:
                heads = [c for c in carrier.children if c.dep_ in ("dative",)]
                heads += _pobjs(carrier, _target_preps(event_type), skip=None)
                args.targets = [a for a in self._first_actors([h for h in heads if h != noun]) if a not in args.sources]
        if not args.sources and has_rule(event_type, "symmetric") and noun.dep_ == "pobj" \
                and noun.head.lower_ in OCCASION_PREPOSITIONS and noun.head.head.pos_ in ("VERB", "AUX"):
            # "During a visit to X, Wallace said ...", "after a call with Y, Biden said": whoever speaks of the
            # meeting took part in it
            subj = clause_subject(noun.head.head)
            if subj is not None:
                args.sources = self.np_actors(subj)
                args.source_tokens = [subj]
        if not args.targets and authors is None:
            args.targets = [a for a in self._deep_actor(own_targets + _pobjs(noun, _target_preps(event_type)))
                            if a not in args.sources]
        args.targets = [a for a in args.targets if a not in args.sources] or args.targets
        return _split_symmetric(args, args.source_tokens, event_type)

    def adj_args(self, adj: Token, event_type: str) -> Args:
        """ "X is willing to ...": the copula's subject, and a recipient inside the complement."""
        args = Args()
        subj = clause_subject(adj)
        if subj is not None:
            args.sources = self.np_actors(subj)
            args.source_tokens = [subj]
        args.targets = self._complement_targets(adj, event_type)
        return args


def party_reader(doc: Doc) -> Arguments:
    """The reader over every party of a Doc: the actor component's actors and the parties it left uncoded
    (``doc._.parties``); where both map a token, the actor wins."""
    actors = list(doc._.actors or [])
    return Arguments(actors + list(doc._.parties or []), {**(doc._.party_of or {}), **(doc._.actor_of or {})})
