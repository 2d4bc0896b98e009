"""Text helpers the stages share: Markdown escaping, sanitising, sentences, YAML lines, site paths, calendar names."""
