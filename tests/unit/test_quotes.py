"""heron_quotes on sentences written for these tests."""
import pytest
from spacy.language import Language

from heron.quotes.cues import CueLexiconError, cue_prepositions, load_cues, parse_cues
from heron.quotes.marks import find_quote_spans
from heron.components.quotes import QuotesComponent, find_quotes
from heron.records import Actor


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text):
        return find_quotes(nlp(text))

    return run


def only(quotes, needle):
    found = [q for q in quotes if needle in q.content.text]
    assert found, [q.content.text for q in quotes]
    return found[0]


def test_direct_quote_with_speaker_after(quotes_of):
    q = only(quotes_of("“We will rebuild the bridge by spring,” the mayor said."), "rebuild")
    assert q.kind == "direct"
    assert q.speaker_mention.text == "the mayor"
    assert q.cue.text == "said"
    assert q.id == "Q1"


def test_direct_quote_with_speaker_before_and_colon(quotes_of):
    q = only(quotes_of("Anna Kovacs said: “The river is rising fast and the levees are weak.”"), "river")
    assert q.kind == "direct" and q.speaker_name == "Anna Kovacs"


def test_speaker_inside_a_split_quote(quotes_of):
    quotes = quotes_of("“The plan is ready,” Tom Baxter said, “but the money for the new school is not.”")
    first, second = only(quotes, "plan is ready"), only(quotes, "money")
    assert first is not second and "Baxter" not in first.content.text + second.content.text
    assert first.speaker_name == second.speaker_name == "Tom Baxter"


def test_told_reporters(quotes_of):
    q = only(quotes_of("“Nothing has been decided yet,” Maria Lopez told reporters on Friday."), "Nothing")
    assert q.cue.text == "told" and q.speaker_name == "Maria Lopez"


def test_indirect_said_that(quotes_of):
    q = only(quotes_of("The minister said that the steel factory would close next year."), "factory")
    assert q.kind == "indirect"
    assert q.content.text.startswith("that the steel factory")
    assert q.speaker_mention.text == "The minister"


def test_belief_of_a_capital(quotes_of):
    q = only(quotes_of("Berlin believes the talks in Geneva will fail."), "talks")
    assert q.attitude == "belief" and q.speaker_name == "Berlin" and q.kind == "indirect"


def test_according_to(quotes_of):
    q = only(quotes_of("According to the ministry, the dam was damaged overnight by heavy shelling."), "dam")
    assert q.content.text == "the dam was damaged overnight by heavy shelling"
    assert q.speaker_mention.text == "the ministry"
    assert q.cue.text == "According to"


def test_mixed_quote(quotes_of):
    q = only(quotes_of("The general claimed the army had “crushed the rebels” in the northern hills."), "army")
    assert q.kind == "mixed" and "“crushed the rebels”" in q.content.text


def test_organisations_and_groups_speak(quotes_of):
    quotes = quotes_of("The Pentagon said the convoy had stopped near the border. Western officials said the attack had failed.")
    assert only(quotes, "convoy").speaker_mention.text == "The Pentagon"
    assert only(quotes, "attack").speaker_name == "Western officials"


def test_parenthetical_cue_after_the_clause(quotes_of):
    q = only(quotes_of("The city still faces a serious threat from the storm, said local officials, as rain kept falling."), "threat")
    assert q.speaker_name == "local officials"
    assert q.content.text.startswith("The city still faces")


def test_quote_continues_into_next_paragraph(quotes_of):
    text = "Peter Hall, a farmer, said: “The harvest failed this year.”\n\n“We have nothing left to sell at the market.”"
    q = only(quotes_of(text), "nothing left")
    assert q.speaker_name == "Peter Hall" and q.kind == "direct"


def test_nested_quote_stays_inside(quotes_of):
    quotes = quotes_of("Ms Grant said: “He told me ‘never again’ and walked out of the room.”")
    assert len(quotes) == 1
    assert "‘never again’" in quotes[0].content.text and quotes[0].speaker_name.endswith("Grant")


def test_straight_double_quotes(quotes_of):
    q = only(quotes_of('"Prices will fall before the summer," the central bank said.'), "Prices")
    assert q.kind == "direct" and q.speaker_mention.text == "the central bank"


def test_single_quote_marks(quotes_of):
    q = only(quotes_of("The senator said it was 'a dark day for the country' and left."), "dark day")
    assert q.kind == "mixed"


def test_odd_number_of_quote_marks_keeps_the_rest(quotes_of):
    text = (
        "The chief said: “We are ready for anything they send at us.\n\n"
        "Officials said the bridge was closed to traffic.\n\n"
        "The coach said the team would win the final."
    )
    quotes = quotes_of(text)
    assert only(quotes, "ready").content.text.endswith("send at us.")
    assert only(quotes, "bridge").speaker_name == "Officials"
    assert only(quotes, "team").speaker_mention.text == "The coach"


def test_attitudes_from_the_lexicon(quotes_of):
    assert only(quotes_of("The company denied that it had broken the law."), "law").attitude == "denial"
    assert only(quotes_of("The reporter asked whether the road would reopen soon."), "road").attitude == "question"


def test_pronoun_falls_back_to_previous_person(quotes_of):
    q = only(quotes_of("Laura Chen spoke at the rally in the park. She said the vote had been unfair."), "vote")
    assert q.speaker_mention.text == "She" and q.speaker_name == "Laura Chen" and q.speaker is None


def test_speaker_comes_from_actor_of(nlp):
    doc = nlp("Laura Chen spoke at the rally in the park. She said the vote had been unfair.")
    doc._.actors = [Actor(id="A1", name="Laura Chen", kind="person")]
    doc._.actor_of = {0: "A1", 1: "A1", 10: "A1"}
    assert doc[10].text == "She"
    q = only(find_quotes(doc), "vote")
    assert q.speaker == "A1" and q.speaker_name == "Laura Chen"


def test_component_is_registered_and_writes_quotes(nlp):
    assert Language.has_factory("heron_quotes")
    doc = QuotesComponent()(nlp("No one spoke. The sky was grey."))
    assert doc._.quotes == []


def test_quote_marks_recover_at_paragraph_end():
    text = "He said “one two three\nNext paragraph stands alone.\n“A closed one,” she said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["“one two three", "“A closed one,”"]
    assert not spans[0].closed and spans[1].closed


def test_apostrophes_are_not_quotes():
    assert find_quote_spans("The farmers’ union didn’t say it was the workers' choice.") == []


def test_cue_lexicon_is_data():
    cues = load_cues()
    assert cues[("say", "VERB")].attitude == "assert"
    assert cues[("deny", "VERB")].attitude == "denial"
    with pytest.raises(CueLexiconError):
        parse_cues("cue\tpos\tattitude\ttype\nshout\tVERB\tloud\tspeech\n")
    # "continued to lead": an infinitive the lexicon says is no reported content
    assert not cues[("continue", "VERB")].reports_infinitive and cues[("promise", "VERB")].reports_infinitive
    assert "for" in cue_prepositions("content") and "over" in cue_prepositions("reason")
    assert "over" not in cue_prepositions("content")


def test_polnear_reader_keeps_attributions_with_source_and_content():
    from heron.evaluate.polnear import content_match, parse_ann

    text = "Jo said the park will open. Rain fell."
    ann = (
        "T1\tSource 0 2\tJo\nT2\tCue 3 7\tsaid\nT3\tContent 8 27;28 32\tthe park will open. Rain\n"
        "T4\tContent 28 38\tRain fell.\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\nE2\tAttribution:T2 Content:T4\n"
    )
    gold = parse_ann(ann, text)
    assert len(gold) == 1 and gold[0].content == ((8, 27), (28, 32)) and not gold[0].direct
    assert content_match(((8, 20),), gold[0].content)
    assert not content_match(((30, 38),), gold[0].content)


def test_two_apostrophe_quote_marks():
    text = "''We stay,'' she said, ''whatever happens.'' It was the farmers' choice."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["''We stay,''", "''whatever happens.''"]


def test_show_titles_are_not_quotes(quotes_of):
    quotes = quotes_of("The governor said on “Morning Report” that the budget was balanced.")
    assert all(q.content.text != "“Morning Report”" for q in quotes)
    assert only(quotes, "budget").speaker_mention.text == "The governor"


def test_colon_introduces_quote_in_next_paragraph(quotes_of):
    q = only(quotes_of("The senator continued:\n\n“You look at the numbers and you see a disaster.”"), "disaster")
    assert q.speaker_mention.text == "The senator" and q.kind == "direct"



def test_headline_name_and_colon(quotes_of):
    q = only(quotes_of("Mayor Anna Kovacs: The new bridge will open in May.\n\nThe council met on Tuesday."), "bridge")
    assert q.speaker_name == "Anna Kovacs" and q.cue.text == ":"
    assert q.content.text == "The new bridge will open in May."


def test_transcript_speaker_in_capitals(quotes_of):
    q = only(quotes_of("SMITH: We never agreed to that plan."), "agreed")
    assert q.speaker_name == "SMITH"


def test_colon_after_a_clause_is_no_speaker(quotes_of):
    assert not [q for q in quotes_of("Smith explains why the plan failed: the money ran out.") if q.cue and q.cue.text == ":"]


def test_passive_with_agent(quotes_of):
    q = only(quotes_of("The closure of the steel plant was first reported by the Daily Courier."), "closure")
    assert q.speaker_mention.text == "the Daily Courier" and q.cue.text == "reported"


def test_noun_cue_with_its_preposition(quotes_of):
    q = only(quotes_of("Maria Lopez renewed her call for new elections in the province."), "elections")
    assert q.cue.text == "call" and q.speaker_name == "Maria Lopez"


def test_clause_hung_on_in_a_statement(quotes_of):
    q = only(quotes_of("The ministry said in a statement that the border would reopen next week."), "border")
    assert q.content.text.startswith("that the border") and q.speaker_mention.text == "The ministry"


def test_fronted_adverbial_clause_is_not_the_content(quotes_of):
    q = only(quotes_of("After the vote ended, the senator said the count was fair."), "count")
    assert "vote ended" not in q.content.text and q.speaker_mention.text == "the senator"


def test_participle_after_preposition_takes_the_main_subject(quotes_of):
    q = only(quotes_of("After saying the harvest was poor, the farmer asked the council for help."), "harvest")
    assert q.speaker_mention.text == "the farmer"


def test_participle_modifying_a_noun(quotes_of):
    q = only(quotes_of("A group backing the plan to close the mine spent two million dollars on advertising."), "mine")
    assert q.speaker_mention.text == "A group"


def test_called_x_y_keeps_the_predicate(quotes_of):
    q = only(quotes_of("The governor called the plan a disaster."), "disaster")
    assert q.content.text == "the plan a disaster"


def test_cue_in_the_middle_of_the_clause(quotes_of):
    q = only(quotes_of("Many of the old farms, he said, have been sold to developers."), "developers")
    assert q.content.text.startswith("Many of the old farms") and q.speaker_mention.text == "he"


def test_cue_after_the_verb_of_the_clause(quotes_of):
    q = only(quotes_of("It was, the coach said, the worst match of the whole season."), "season")
    assert q.content.text.startswith("It was") and q.speaker_mention.text == "the coach"


def test_conjoined_verb_in_the_content_is_no_cue(quotes_of):
    quotes = quotes_of("Mr. Novak, who ran the union for years, said he voted for the mayor and wrote in a friend later.")
    q = only(quotes, "voted")
    assert q.speaker_mention.text == "Mr. Novak" and q.cue.text == "said"
    assert not [x for x in quotes if x.cue and x.cue.text == "wrote"]


def test_as_someone_noted(quotes_of):
    q = only(quotes_of("As the local paper noted, the mayor raised most of his money from builders."), "builders")
    assert q.content.text.startswith("the mayor raised") and q.speaker_mention.text == "the local paper"


def test_poll_opening_the_sentence(quotes_of):
    q = only(quotes_of("In a new statewide poll released on Monday, most drivers rated the roads as poor."), "roads")
    assert q.content.text.startswith("most drivers") and "poll" in q.speaker_mention.text


def test_polls_closing_the_clause_report_it(quotes_of):
    q = only(quotes_of("The governor leads comfortably in the polls."), "governor")
    assert q.content.text == "The governor leads comfortably" and "polls" in q.speaker_mention.text


def test_see_x_as_y_is_a_view(quotes_of):
    q = only(quotes_of("Most farmers see the new dam as a threat to their wells."), "dam")
    assert q.content.text == "the new dam as a threat to their wells" and q.speaker_mention.text == "Most farmers"


def test_see_without_as_is_no_view(quotes_of):
    assert not quotes_of("Most farmers saw the new dam on Sunday.")


def test_decision_to(quotes_of):
    q = only(quotes_of("The mayor's decision to close the library angered parents."), "library")
    assert q.content.text == "to close the library" and "mayor" in q.speaker_mention.text


def test_scare_quote_carries_on_nobody(quotes_of):
    quotes = quotes_of("“The harvest failed,” Peter Hall said. Prices were a “disaster” for the valley.")
    assert not [q for q in quotes if "disaster" in q.content.text]


def test_carried_quote_takes_the_nearest_mention_of_its_speaker(quotes_of):
    text = "Peter Hall said the harvest failed. Hall has farmed there for thirty years.\n\n“We have nothing left to sell at the market.”"
    q = only(quotes_of(text), "nothing left")
    assert q.speaker_mention.text == "Hall" and q.speaker_name == "Peter Hall"


def test_unclaimed_passage_takes_the_person_named_after_it_in_its_sentence(quotes_of):
    text = "Anna Berg opened the meeting.\n\n“The river will flood the lower fields before the end of the spring,” Martin Cole on the coming floods."
    q = only(quotes_of(text), "river")
    assert q.speaker_mention.text == "Martin Cole"


def test_unclaimed_passage_takes_the_last_person_named_in_any_role(quotes_of):
    text = "The reporter met Martin Cole at the dam on Tuesday.\n\n“The river will flood the lower fields before the end of the spring.”"
    q = only(quotes_of(text), "river")
    assert q.speaker_mention.text == "Martin Cole"


def test_poll_headline_with_colon(quotes_of):
    q = only(quotes_of("Poll: Most drivers want the old bridge rebuilt\n\nThe survey was taken in May."), "bridge")
    assert q.cue.text == ":" and q.speaker_mention.text == "Poll"


@pytest.mark.parametrize(
    "text, needle, content, speaker",
    [
        # A statement speaks for whoever issued it.
        ("The union issued a statement saying the strike would go on until Friday.", "strike",
         "the strike would go on until Friday", "The union"),
        # A relative "which" speaks for its noun.
        ("The school board, which argued that the budget was far too small, lost the vote.", "budget",
         "that the budget was far too small", "which"),
        # A short answer stands for a clause.
        ("Asked if he had ever lied to the court, the governor said no.", "no", "no", "the governor"),
        # Fronted clauses side by side are one report.
        ("The wages are fine, but it was not only the pay that kept him at the plant, Mr. Ortiz said.", "wages",
         "The wages are fine, but it was not only the pay that kept him at the plant", "Mr. Ortiz"),
        # "for" read as opening a clause: the clause is what is called for.
        ("The council called for the state to repair the old dam before winter.", "dam",
         "the state to repair the old dam before winter", "The council"),
        # An infinitive of purpose that says a clause shares its head's subject.
        ("The minister went on to say that the new port would open in March.", "port",
         "that the new port would open in March", "The minister"),
        # So does an infinitive complementing an adjective.
        ("The engineers were quick to point out that the tunnel had never flooded.", "tunnel",
         "that the tunnel had never flooded", "The engineers"),
        # Identifying and comparing state a position on what is named.
        ("The committee identified the old bridge as the weakest link.", "bridge",
         "the old bridge as the weakest link", "The committee"),
        ("The governor compared the new tax to a hole in a bucket.", "tax", "the new tax", "The governor"),
        # Noting or stressing a thing reports it.
        ("The inspector noted the sharp rise in rents.", "rents", "the sharp rise in rents", "The inspector"),
        ("The coach stressed the need for more practice.", "practice", "the need for more practice", "The coach"),
        # A stance phrase on a verb is held by the verb's subject.
        ("The farmers voted in favor of the new water tax.", "water", "the new water tax", "The farmers"),
        ("The dockers marched in protest of the longer shifts.", "shifts", "the longer shifts", "The dockers"),
        ("The fisherman alluded to the storm that sank his boat.", "storm", "the storm that sank his boat", "The fisherman"),
        # A sentence opening "To <someone>," gives their view.
        ("To Ms. Lund, the new bridge is a waste of money.", "bridge", "the new bridge is a waste of money", "Ms. Lund"),
    ],
)
def test_content_and_speaker(quotes_of, text, needle, content, speaker):
    q = only(quotes_of(text), needle)
    assert q.content.text == content and q.speaker_mention.text == speaker


def test_infinitive_of_purpose_with_a_belief_verb_holds_no_view(quotes_of):
    # Gathering to see whether something happens holds no view of the gatherers.
    assert not quotes_of("Farmers gathered at the dam to see whether the river would rise.")


def test_relative_pronoun_speaker_takes_the_actor_of_its_noun(nlp):
    doc = nlp("The board, which argued that the budget was far too small, lost the vote.")
    doc._.actors = [Actor(id="A1", name="The board", kind="organisation")]
    doc._.actor_of = {1: "A1"}
    q = only(find_quotes(doc), "budget")
    assert q.speaker_mention.text == "which" and q.speaker == "A1"


def test_quote_before_a_cue_sentence_that_goes_on(quotes_of):
    text = 'Later he spoke about crime.\n\n"We will build a great new bridge over the river!" he said to an enormous crowd in the park.'
    q = only(quotes_of(text), "bridge")
    assert q.cue is not None and q.cue.text == "said" and q.speaker_mention.text == "he"


def test_cue_verb_tagged_as_a_noun(quotes_of):
    q = only(quotes_of("Battleground races in three states are all close, a new university poll shows."), "races")
    assert q.cue.text == "shows" and "poll" in q.speaker_mention.text


def test_object_taken_as_something(quotes_of):
    q = only(quotes_of("Many farmers view the new tariff as a betrayal."), "tariff")
    assert q.content.text == "the new tariff as a betrayal" and q.attitude == "belief"


def test_recalled_memory(quotes_of):
    q = only(quotes_of("The senator recalled the long strike at the copper mine."), "strike")
    assert q.speaker_mention.text == "The senator"


def test_charge_belongs_to_an_accusation(quotes_of):
    q = only(quotes_of("The senator accused the governor of hiding the audit from voters."), "hiding")
    assert q.speaker_mention.text == "The senator"
    assert "the governor" in q.content.text and q.content.text.endswith("from voters")


def test_topic_not_listener_of_a_talk(quotes_of):
    quotes = quotes_of("The mayor talked to reporters about the flooding in the east of the city.")
    q = only(quotes, "flooding")
    assert "reporters" not in q.content.text and q.speaker_mention.text == "The mayor"


def test_exclamation_is_speech_not_a_title(quotes_of):
    q = only(quotes_of("The mayor declared “What a Night!” as the results came in."), "Night")
    assert q.kind == "direct" and q.speaker_mention.text == "The mayor"
    # a short capitalised title in quote marks stays no quote
    assert not quotes_of("She reads “The Daily Harbour” every morning.")


@pytest.mark.parametrize("sentence,needle", [
    ("The minister reaffirmed the country's commitment to the grain deal.", "commitment"),
    ("The general rebutted the claims of heavy losses near the river.", "claims"),
    ("The envoy reminded the council that the truce expires on Friday.", "truce"),
])
def test_further_reporting_verbs(quotes_of, sentence, needle):
    q = only(quotes_of(sentence), needle)
    assert q.speaker_mention.text.startswith("The ")


@pytest.mark.parametrize(
    "text",
    [
        # What a cue is about is no quote: an object that is no statement, a refusal to comment.
        "The senator praised the response.",
        "The minister accused Moscow.",
        "The mayor declined to comment.",
    ],
)
def test_one_or_two_words_are_no_quote(quotes_of, text):
    assert quotes_of(text) == []


def test_an_answer_is_a_quote(quotes_of):
    q = only(quotes_of("Asked if he had ever lied to the court, the governor said no."), "no")
    assert q.content.text == "no"


def test_a_word_naming_no_one_leaves_the_speaker_unknown(quotes_of):
    q = only(quotes_of("It said the bridge would reopen in May after the repairs."), "bridge")
    assert q.speaker_mention.text == "It" and q.speaker_name is None and q.speaker is None
    q = only(quotes_of("Nobody said the bridge would reopen in May after the repairs."), "bridge")
    assert q.speaker_mention.text == "Nobody" and q.speaker_name is None


def test_a_relative_word_speaks_as_its_noun(quotes_of):
    q = only(quotes_of("The school board, which argued that the budget was far too small, lost the vote."), "budget")
    assert q.speaker_mention.text == "which" and q.speaker_name == "The school board"


def test_a_passage_signed_with_a_dash(quotes_of):
    text = "Readers wrote to us.\n\n“We will never give up the fight for our farms.” ― Ana Ruiz\n"
    q = only(quotes_of(text), "farms")
    assert q.kind == "direct" and "Ana Ruiz" in q.speaker_name


def test_closing_mark_opening_a_paragraph_opens_the_passage():
    text = "Intro line.\n”We stay here. Nobody moves us.” ― Ana Ruiz"
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == ["”We stay here. Nobody moves us.”"]


@pytest.mark.parametrize(
    "text, content",
    [
        # A short object keeps what the verb says of it; where and when it was said are no part of it.
        ("A new survey shows the mayor with a narrow lead over her rival.", "the mayor with a narrow lead over her rival"),
        ("The senator urged them to reconsider.", "them to reconsider"),
        ("He criticized the plan in a speech in Ohio.", None),
    ],
)
def test_short_object_with_what_is_said_of_it(quotes_of, text, content):
    assert [q.content.text for q in quotes_of(text)] == ([content] if content else [])
