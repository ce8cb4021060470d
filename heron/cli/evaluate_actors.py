"""``heron evaluate actors FILE``: country, sector and code of (phrase, date) cases; optionally the share of
event parties that carry a code over a folder of articles."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("actors")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--split", type=click.Choice(("dev", "test", "all")), default="all", show_default=True,
              help="Which cases to score (the table's split column).")
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), default=None,
              help="Also extract these articles and report the share of event parties with a code.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also list this many wrong cases.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(file: Path | None, split: str, corpus: Path | None, show_errors: int, as_json: bool) -> None:
    """Score heron's actor coding on FILE (default: gold/actors/cases.tsv of the repository).

    \b
    Columns: phrase, date, country, sector, code, kind, region, split (see gold/actors/README.md).
    Example: heron evaluate actors --split dev --corpus ../shared/data/wikinews
    """
    from heron.evaluate.actors import error_kinds, evaluate, party_coverage, read_cases

    file = file or Path(__file__).resolve().parents[2] / "gold" / "actors" / "cases.tsv"
    if not file.is_file():
        raise click.ClickException(f"no case table at {file}")
    cases = [c for c in read_cases(file) if split == "all" or c.split == split]
    report = evaluate(cases)
    result: dict = {"file": str(file), "split": split,
                    "total": {k: t.as_dict() for k, t in sorted(report.total.items())},
                    "by_kind": {f"{s}/{k}": t.as_dict() for (s, k), t in sorted(report.by_kind.items())}}
    if corpus is not None:
        import heron
        from heron.nlp.batch import read_articles

        errors: list = []
        coverage = party_coverage(heron.load().pipe(read_articles([str(corpus)], errors)))
        result["corpus"] = {"path": str(corpus), **coverage, "unreadable": len(errors)}
    wrong = [o for o in report.outcomes if not (o.country_ok and o.sector_ok and o.code_ok)]
    if as_json:
        result["errors"] = [{"phrase": o.case.phrase, "date": o.case.date.isoformat(), "want": o.case.code,
                             "got": o.code, "found": o.found} for o in wrong[:show_errors]]
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{file}: {len(cases)} cases")
    click.echo(f"{'':18} {'n':>5} {'no actor':>8} {'country':>8} {'sector':>8} {'code':>8}")
    # with one split chosen, its totals equal "all": show the split's rows only
    rows = [(k, t) for k, t in sorted(report.total.items()) if split == "all" or k == split] + \
           [(f"{s}/{k}", t) for (s, k), t in sorted(report.by_kind.items()) if s == split]
    for name, tally in rows:
        d = tally.as_dict()
        click.echo(f"{name:18} {d['n']:>5} {d['no_actor']:>8.3f} {d['country']:>8.3f} {d['sector']:>8.3f} {d['code']:>8.3f}")
    kinds = error_kinds(report.outcomes)
    click.echo("errors: " + ", ".join(f"{k}/{what} {n}" for (k, what), n in kinds.most_common()))
    if corpus is not None:
        c = result["corpus"]
        click.echo(f"event parties with a code in {corpus}: {c['coded']}/{c['parties']} = {c['share']:.3f}"
                   + (f" ({c['unreadable']} inputs could not be read)" if c["unreadable"] else ""))
    for o in wrong[:show_errors]:
        click.echo(f"  {o.case.date} {o.case.phrase!r} [{o.case.kind}] want {o.case.code or '-'} "
                   f"({o.case.country or '-'}/{o.case.sector or '-'}) got "
                   f"{o.code or '-'} ({o.country or '-'}/{o.sector or '-'})" + ("" if o.found else " no actor"))
