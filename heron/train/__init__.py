"""Training code for heron's learned components, run by `heron train`: torch (the train extra) only to fine-tune
and export the encoder (`fine_tune`, `export_encoder`); the run time reads ONNX with onnxruntime."""
