"""The fine-tuned half of the app: an answer adapter (LoRA) for the default chat model, trained on a CPU.

- ``data``: ``finetune build-data`` makes the training examples from the app's own prompt (its retrieval,
  excerpts, numbering and system prompt) with quote-first target answers. No PyTorch.
- ``train``: ``finetune train`` trains the LoRA with PyTorch, transformers and peft (the optional
  ``[finetune]`` extra; the app itself never imports them).
- ``export``: ``finetune export`` writes the adapter as a GGUF LoRA that llama.cpp applies. No PyTorch.
"""
