"""TimeBank (TimeML) DATE evaluation through ``heron evaluate timex``: runs and stays above its floors.

Floors sit a little below the figures measured when the rules were written (listed in
heron/evaluate/timex.py); the even/odd halves are checked as well.
"""
import json

from click.testing import CliRunner

FLOORS = {
    "all": {"strict_f1": 0.88, "relaxed_f1": 0.91, "value_accuracy": 0.87, "value_f1": 0.80},
    "even": {"strict_f1": 0.87, "relaxed_f1": 0.90, "value_accuracy": 0.86},
    "odd": {"strict_f1": 0.87, "relaxed_f1": 0.90, "value_accuracy": 0.86},
}


def test_timebank_evaluation_meets_floors(timebank):
    from heron.cli.evaluate_timex import command

    result = CliRunner().invoke(command, [str(timebank), "--json", "--errors", "5"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["documents"] == len(list(timebank.glob("*.tml")))
    assert figures["all"]["gold"] > 900
    assert len(figures["errors"]) == 5
    for split, floors in FLOORS.items():
        for name, floor in floors.items():
            assert figures[split][name] >= floor, (split, name, figures[split])


def test_cli_rejects_a_folder_without_timeml(tmp_path):
    from heron.cli.evaluate_timex import command

    result = CliRunner().invoke(command, [str(tmp_path)])
    assert result.exit_code != 0
    assert "no .tml files" in result.output
