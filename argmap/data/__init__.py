"""Data files installed with argmap: the JSON Schema of the map format (argmap.schema.json)."""
