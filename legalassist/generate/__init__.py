"""Local GGUF models through llama.cpp, prompts, streaming and grounding. The only code importing llama_cpp."""
