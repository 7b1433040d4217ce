"""Vietnamese text: writing conventions, legacy TCVN3/VNI encodings, syllables, and the
hygiene checks that name what pasted text brings along."""
