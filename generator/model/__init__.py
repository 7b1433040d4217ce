"""The data giaoban works on: meetings, settings, format profiles, periods, the closed
lists of kinds and statuses, document types; each read from YAML and checked."""
