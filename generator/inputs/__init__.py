"""Reading the user's files: YAML with the position of every value, model validation
that reports every problem at its line, finding records and the settings above them."""
