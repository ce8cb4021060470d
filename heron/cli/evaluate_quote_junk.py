"""``heron evaluate quotes-junk CORPUS``: quotes of one or two words and speakers shown for nobody (see
heron.evaluate.quote_junk), counted and listed over any folder or file of articles."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("quotes-junk")
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option("--nouns/--no-nouns", default=False, help="Also list the common-noun speakers.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts and offenders as JSON.")
def command(corpus: Path, nouns: bool, as_json: bool) -> None:
    """Count and list the quotes heron stores for CORPUS that a reader cannot trust.

    \b
    short:   a content of one or two words that is not an answer ("No", "said so");
    pronoun: a pronoun, relative or indefinite word shown as the speaker with no actor behind it;
    noun:    a common noun shown as the speaker with no actor behind it (for review, not a fault as such).
    Example: heron evaluate quotes-junk ../shared/data/wikinews
    """
    import heron
    from heron.evaluate.quote_junk import junk
    from heron.nlp.batch import read_articles

    errors: list = []
    extractions = heron.load().pipe(read_articles([str(corpus)], errors))
    report = junk((e.article.input or e.article.id, e) for e in extractions)
    if as_json:
        click.echo(json.dumps({**report.to_dict(), "unreadable": len(errors)}, indent=2))
        return
    click.echo(f"{corpus}: {report.articles} articles, {report.quotes} quotes"
               + (f" ({len(errors)} inputs could not be read)" if errors else ""))
    click.echo(f"  quotes of <= 2 words that are no answer: {report.count('short')}")
    click.echo(f"  speakers that name no one (pronoun, relative or indefinite word): {report.count('pronoun')}")
    click.echo(f"  common-noun speakers with no actor (for review): {report.count('noun')}")
    for o in report.offenders:
        if o.why == "noun" and not nouns:
            continue
        click.echo(f"  {o.why:8} {o.article} {o.quote}: {o.content[:80]!r} <- {o.speaker!r}")
